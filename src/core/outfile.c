/* outfile.c: see outfile.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/i18n.h"
#include "core/outfile.h"

/* Refuses path when it is the open database or its journal, WAL or
 * shared-memory file (the same file, however it is named): renaming an
 * export over it would destroy the database.  0, or -1 with err set. */
static int refuse_database(sqlite3 *db, const char *path, st_err *err)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	const char *name = sqlite3_db_filename(db, "main");
	struct stat target, file;
	char other[4200];
	size_t i;

	if (!name || !*name || stat(path, &target) != 0)
		return 0;
	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(other, sizeof other, "%s%s", name, suffix[i]);
		if (stat(other, &file) == 0 && file.st_dev == target.st_dev &&
		    file.st_ino == target.st_ino)
			return st_err_set(err, _("%s is the database stemtui has open, or one of its"
						 " files (%s); export to another file"), path, other);
	}
	return 0;
}

/* The file a write to path lands in: a link's target (a person who links
 * draaiboek.html into a shared folder means the file there), else path.
 * Caller frees. */
static char *write_target(const char *path)
{
	struct stat sb;
	char *real;

	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) && (real = realpath(path, NULL)))
		return real;
	return strdup(path);
}

/* The start of the names of an export's temporary files: whose they are,
 * and short whatever the target's name (one of 255 bytes still fits). */
#define EXPORT_TEMP_KIND ".stemtui-export-"

/* A temporary file left by an export that was killed goes when its
 * writer is gone, or (another machine's) when nothing wrote it for this
 * long. */
#define EXPORT_TEMP_MAX_AGE 60

void outfile_remove_stale(const char *dir)
{
	fs_remove_stale(dir, EXPORT_TEMP_KIND, EXPORT_TEMP_MAX_AGE);
}

/* The temporary file being written, for outfile_abandon: a fixed buffer,
 * since a signal handler may not allocate. */
static char pending_tmp[4200];
static volatile sig_atomic_t pending_set;

void outfile_abandon(void)
{
	if (pending_set)
		unlink(pending_tmp);
}

/* Makes the temporary file for path in its folder (so that rename
 * replaces the target in one step), first removing what killed exports
 * left there.  Its name goes to tmp (size bytes) and pending_tmp.  The
 * file descriptor, or -1 with err set. */
static int make_temp(const char *path, char *tmp, size_t size, st_err *err)
{
	char *dir = fs_dirname(path);
	int fd;

	if (!dir)
		return st_err_set(err, "%s", _("out of memory"));
	outfile_remove_stale(dir);
	if (fs_temp_template(tmp, size, dir, EXPORT_TEMP_KIND) != 0) {
		errno = ENAMETOOLONG;
		fd = -1;
	} else {
		fd = mkstemp(tmp);
	}
	free(dir);
	if (fd < 0)
		return st_err_set(err, _("cannot create a file next to %s: %s"), path, strerror(errno));
	memcpy(pending_tmp, tmp, strlen(tmp) + 1);
	/* The whole name before the flag, as a handler would see it. */
	atomic_signal_fence(memory_order_seq_cst);
	pending_set = 1;
	return fd;
}

/* Writes the file to a temporary file beside path, then renames it over
 * path: an interrupted export never leaves half a file there. */
static int write_atomically(const char *path, bool personal, outfile_fill fill, void *ctx,
			    st_err *err)
{
	char tmp[sizeof pending_tmp];
	FILE *f;
	mode_t mask;
	int fd, rc;

	fd = make_temp(path, tmp, sizeof tmp, err);
	if (fd < 0)
		return -1;
	/* mkstemp makes 0600; a file without names gets what any new file
	 * gets (0666 less the umask), as the person has set up. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, personal ? 0600 : 0666 & ~mask) != 0 || !(f = fdopen(fd, "w"))) {
		st_err_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		pending_set = 0;
		return -1;
	}
	rc = fill(ctx, f, err);
	if (rc == 0 && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(tmp);
	pending_set = 0;
	return rc;
}

/* Connects to the Unix socket at path (open() cannot): a stream socket
 * someone listens on.  The descriptor, or -1 with errno set. */
static int connect_socket(const char *path)
{
	struct sockaddr_un sa;
	int fd, saved;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (const struct sockaddr *)&sa, sizeof sa) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		fd = -1;
	}
	return fd;
}

/* Writes the file straight into a device, pipe or socket (-o
 * /dev/stdout, a named pipe a script reads): these are streams, never
 * files to replace. */
static int write_stream(const char *path, bool is_socket, outfile_fill fill, void *ctx,
			st_err *err)
{
	FILE *f;
	int fd, rc;

	fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENXIO && is_socket)
		fd = connect_socket(path);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = fill(ctx, f, err);
	if (fclose(f) != 0 && rc == 0)
		rc = st_err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	return rc;
}

/* How an export reaches path: a new or regular file (also through a
 * link) is replaced atomically, a device, pipe or socket written to;
 * anything else is refused (-1 with err set). */
enum way { WAY_REPLACE, WAY_STREAM, WAY_SOCKET };

static int way_to(const char *path, enum way *way, st_err *err)
{
	struct stat sb;
	char target[4096];
	ssize_t n;

	*way = WAY_REPLACE;
	if (lstat(path, &sb) != 0)
		return 0;   /* a new file; or the temporary file says why not */
	if (stat(path, &sb) != 0) {
		n = readlink(path, target, sizeof target - 1);
		target[n > 0 ? n : 0] = '\0';
		return st_err_set(err, _("cannot export to %s: it is a link to %s, which is not there"),
				  path, target);
	}
	if (S_ISREG(sb.st_mode))
		return 0;
	*way = S_ISSOCK(sb.st_mode) ? WAY_SOCKET : WAY_STREAM;
	if (S_ISCHR(sb.st_mode) || S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))
		return 0;
	return st_err_set(err, _("cannot export to %s: it is not a file (give a file name, or a "
				 "device or pipe such as /dev/stdout)"), path);
}

int outfile_write(sqlite3 *db, const char *given, bool personal, outfile_fill fill, void *ctx,
		  st_err *err)
{
	enum way way;
	char *path;
	int rc;

	if (!given || !*given)
		return st_err_set(err, "%s", _("no file to export to"));
	if (strcmp(given, "-") == 0)
		return fill(ctx, stdout, err);
	if (refuse_database(db, given, err) != 0 || way_to(given, &way, err) != 0)
		return -1;
	if (way != WAY_REPLACE)
		return write_stream(given, way == WAY_SOCKET, fill, ctx, err);
	if (!(path = write_target(given)))
		return st_err_set(err, "%s", _("out of memory"));
	rc = write_atomically(path, personal, fill, ctx, err);
	free(path);
	return rc;
}
