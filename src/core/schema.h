/* schema.h: the forward migrations that make up the schema. */
#ifndef STEMTUI_SCHEMA_H
#define STEMTUI_SCHEMA_H

/* Number of migrations, which is also the current schema version. */
int schema_migration_count(void);

/* SQL that takes user_version from_version to from_version + 1, or NULL. */
const char *schema_migration(int from_version);

#endif
