"""Translation memory engines, pure: tokens for matching (tokens), word codes (codes), batch
indexing (index), candidate search (candidates), scores (score), diffs (diff), number
substitution (numbers), memory files (tmx, tsv, pipeline) and the values returned (results).
The Project service's TM part (workbench/project/memory.py) puts them to work on the store."""
