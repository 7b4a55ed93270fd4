"""Import coded evidence from qualitative-analysis (QDA) programs into the data folder.

``python -m lpipdata evidence import FILE [--data DIR] [--visibility restricted|public]
[--cases MAP.csv] [--coder NAME] [--source-kind interview|workshop|document] [--dry-run]``

Formats, chosen by the file's extension:

- ``.qdpx``: a REFI-QDA project (QualCoder, NVivo, ATLAS.ti, MAXQDA): a zip with ``project.qde``
  (namespace ``urn:QDA-XML:project:1.0``) and the transcripts under ``sources/``. Text comes from
  ``plainTextPath="internal://<file>"`` (read from ``sources/<file>``) or inline ``PlainTextContent``.
  Offsets are character positions in that text.
- ``.qdc``: a REFI-QDA codebook (``urn:QDA-XML:codebook:1.0``): codes only.
- ``.csv`` / ``.xlsx``: a Taguette highlights export, columns ``id, document, tag, content``
  (one row per highlight x tag; ``id`` may be missing). A '.' in a tag separates levels.

What becomes what:

- **sources**: one row per transcript or document with at least one imported excerpt; ``kind`` from
  ``--source-kind`` (default ``interview``), ``title`` the document's name, no URL, ``visibility``
  from ``--visibility`` (default ``restricted``).
- **observations**: one row per coded selection; ``text`` is the excerpt (the source text from
  start to end, stripped; Taguette's highlighted text), ``visibility`` as the source,
  ``confidence`` ``sourced``, ``partnership_id``/``region_id`` from the case.
- **codes**: codebook entries not already in ``codes.csv``.
- **codings**: one row per excerpt x content code x coder, with the direction, the case's
  ``partnership_id``/``region_id``/``org_id``, the coder, the excerpt's source and ``confidence`` ``sourced``.

Mapping rules:

- **Cases.** A selection's case is the REFI ``Case`` whose ``SelectionRef`` names the selection,
  else the one whose ``SourceRef`` names its source (a source in two cases takes the first, with a
  note). A case variable named ``partnership_id``, ``region_id`` or ``org_id`` wins (its value must
  be in the data). Else the case name is matched, ignoring case, against partnership ids, names
  and acronyms (an acronym like ``YPIP / Y-PIP`` gives both), then region ids and names; a name
  that fits several partnerships does not match. Else the ``--cases`` file (``case`` is a case or
  document name). A selection with no case (and every Taguette highlight) tries its document's
  name the same way. ``region_id`` is filled from the partnership's or organisation's region.
  No match: the selection is reported as ``unmatched case 'X'``. A ``--cases`` file with a
  missing column or an id the data does not have stops the import with one error
  (``file:line: column: 'id' is not in partnerships.csv``); nothing is written.
- **Codes.** Matched to existing codes by ``guid`` first, then by ``code_id``. A new code's id is
  its parent's id, a '.', and the slug of its name (``participation.lived-experience``): lower
  case, accents removed, runs of other characters made '-'. Two codes that slug alike get
  ``-2``, ``-3``. ``parent_id`` comes from the nesting; ``dimension`` is the code's own name when
  that is a dimension (participation, confidence, capability, capacity, structure, leadership,
  funding, relationships), else empty (the atlas takes the nearest ancestor's). The REFI guid is
  kept in ``codes.guid``; Taguette tags get the guid Taguette's own codebook export gives them.
- **Direction.** Codes named (any case) enables/enabler/enablers/enabling,
  hinders/hinder/barrier/barriers/hindering, mixed or neutral are direction markers, not codes.
  A marker nested under a content code (Participation > Hinders) gives that code that direction.
  A marker applied on its own pairs with every content code the same coder applied to the same
  selection. No marker: ``neutral``, counted in the report. Two different markers: ``mixed``,
  with a note. A selection with markers and no content code is reported, not imported.
- **Coder.** ``--coder NAME`` for every coding; else the REFI ``User`` named by the coding's
  ``creatingUser`` (or the selection's); else the file's name without extension. Two coders
  stay two codings.
- **Ids** are deterministic, so importing the same file again adds nothing:
  source ``qda-<slug of source name>-<first 8 of its guid>`` (Taguette:
  ``taguette-<slug of document>-<hash of file name and document>``); observation
  ``<source_id>.<start>-<end>`` (Taguette: ``<source_id>.<highlight id>``); coding
  ``<observation_id>.<hash of code_id>.<coder slug>``. A row whose id exists is not rewritten.
- **Accounting.** Every selection in the file is imported (it added a row), already present
  (all its rows exist), or listed with its reason: unmatched case, unknown code (a CodeRef to a
  guid not in the codebook), empty text, offsets outside the source, source text missing,
  unsupported source type (picture, PDF, audio, video), direction marker without content code,
  no code. imported + already present + listed == selections in the file. Codings of a whole
  source (no selection) have no excerpt: they are counted in a note, not imported.

Writing: the merged tables are validated in a temporary copy of the data folder; any problem is
printed and nothing is written. Otherwise the new rows are appended to the changed CSVs, which
replace the old ones with ``os.replace``; existing rows stay byte-identical. ``--dry-run`` writes
nothing. Bad input (not a zip, no project.qde, not REFI-QDA XML, malformed XML, a DTD or entity,
not UTF-8, missing columns, unknown extension, too large) gives one message naming the file, and
exit code 1.
"""

from lpipdata.evidence_import.errors import EvidenceImportError, ValidationFailed
from lpipdata.evidence_import.importer import import_evidence
from lpipdata.evidence_import.report import ImportReport, Skipped

__all__ = ["EvidenceImportError", "ImportReport", "Skipped", "ValidationFailed", "import_evidence"]
