#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-metainfo.py METAINFO SOURCE_DIR VERSION: what appstreamcli cannot check by itself.

- Each screenshot is a PNG file of data/screenshots/ in this repository, named by the end of
  its URL, and its width and height are the file's own.
- The summary, every paragraph and item of the description and every screenshot caption
  are there in Korean too (the metainfo as built, with the translations merged in).
- The newest release is this version of the app.
"""
import struct
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ["ko"]

metainfo, source_dir, version = sys.argv[1:]
root = ET.parse(metainfo).getroot()
problems = []


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", header[16:24])


screenshots = root.findall("screenshots/screenshot")
if not screenshots:
    problems.append("there is no screenshot")
for shot in screenshots:
    for image in shot.findall("image"):
        name = image.text.strip().rsplit("/", 1)[-1]
        path = f"{source_dir}/data/screenshots/{name}"
        try:
            width, height = png_size(path)
        except (OSError, ValueError) as e:
            problems.append(f"screenshot {image.text.strip()}: {path}: {e}")
            continue
        said = (int(image.get("width", 0)), int(image.get("height", 0)))
        if said != (width, height):
            problems.append(f"{name} is {width}×{height}, but the metainfo says {said[0]}×{said[1]}")


def check_translated(parent, tag, what):
    """Each untranslated <tag> child of parent is followed by one for each language."""
    children = list(parent)
    for i, child in enumerate(children):
        if child.tag != tag or child.get(XML_LANG) or child.get("translate") == "no":
            continue
        langs = set()
        for later in children[i + 1:]:
            if later.tag != tag or not later.get(XML_LANG):
                break
            langs.add(later.get(XML_LANG))
        for lang in LANGUAGES:
            if lang not in langs:
                problems.append(f"{what} “{(child.text or '').strip()[:60]}” has no {lang} translation")


check_translated(root, "summary", "the summary")
for description in root.findall("description"):
    check_translated(description, "p", "the paragraph")
    for ul in description.findall("ul"):
        check_translated(ul, "li", "the item")
for shot in screenshots:
    check_translated(shot, "caption", "the caption")

releases = root.findall("releases/release")
if not releases or releases[0].get("version") != version:
    newest = releases[0].get("version") if releases else "none"
    problems.append(f"the newest release is {newest}, but the app is version {version}")

for problem in problems:
    print(problem)
if not problems:
    print(f"{len(screenshots)} screenshots in data/screenshots/, Korean throughout, release {version}")
sys.exit(1 if problems else 0)
