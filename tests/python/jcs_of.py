"""Prints the RFC 8785 canonical JSON of the JSON read on stdin (record_hash.py's JCS)."""
import json
import sys

from record_hash import jcs

sys.stdout.write(jcs(json.load(sys.stdin)))
