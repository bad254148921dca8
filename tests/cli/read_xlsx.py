#!/usr/bin/env python3
# read_xlsx.py FILE [ROWS]: the first worksheet of an .xlsx file as text, for
# test_xlsx.sh, read with nothing but zipfile and xml (an xlsx file is a zip
# of XML parts):
#   frozen ROWS STATE          the frozen pane (ySplit, state)
#   autofilter REF             the autofilter's range
#   widths W,W,...             the column widths
#   row N: CELL | CELL ...     the first ROWS rows (default 3), each cell
#                              written as its column and t:TEXT (a string),
#                              n:NUMBER, or d[FORMAT]:ISO (a number with a
#                              date format, shown as the date or time it
#                              stands for): "A:n:1", "B:t:COP 07"
# Exits 1 when the file is not a workbook.
import datetime
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def date_formats(z):
    """Style index -> format code, for the styles whose format is a date."""
    styles = ET.fromstring(z.read("xl/styles.xml"))
    codes = {int(f.get("numFmtId")): f.get("formatCode")
             for f in styles.findall("m:numFmts/m:numFmt", NS)}
    out = {}
    for i, xf in enumerate(styles.findall("m:cellXfs/m:xf", NS)):
        code = codes.get(int(xf.get("numFmtId", "0")))
        if code and any(c in code for c in "ydh"):
            out[i] = code
    return out


def as_date(value, code):
    base = datetime.datetime(1899, 12, 30)
    when = base + datetime.timedelta(days=float(value))
    when = when.replace(microsecond=0) + datetime.timedelta(seconds=round(when.microsecond / 1e6))
    if code == "hh:mm":
        return when.strftime("%H:%M")
    if "h" in code:
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return when.strftime("%Y-%m-%d")


def cell_text(c, dates):
    return c.get("r").rstrip("0123456789") + ":" + cell_value(c, dates)


def cell_value(c, dates):
    t = c.get("t")
    if t == "inlineStr":
        return "t:" + "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
    v = c.find("m:v", NS)
    if v is None:
        return "blank"
    s = int(c.get("s", "0"))
    if t is None and s in dates:
        return "d[%s]:%s" % (dates[s], as_date(v.text, dates[s]))
    if t is None or t == "n":
        return "n:" + v.text
    return t + ":" + v.text


def main():
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    try:
        z = zipfile.ZipFile(sys.argv[1])
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        dates = date_formats(z)
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
        print("not a workbook: %s" % e)
        return 1
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is not None:
        print("frozen %s %s" % (pane.get("ySplit"), pane.get("state")))
    f = sheet.find("m:autoFilter", NS)
    if f is not None:
        print("autofilter " + f.get("ref"))
    print("widths " + ",".join(c.get("width") for c in sheet.findall("m:cols/m:col", NS)))
    for r in sheet.findall("m:sheetData/m:row", NS)[:rows]:
        print("row %s: %s" % (r.get("r"), " | ".join(cell_text(c, dates) for c in r.findall("m:c", NS))))
    print("rows %d" % len(sheet.findall("m:sheetData/m:row", NS)))
    return 0


sys.exit(main())
