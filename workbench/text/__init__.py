"""Pure text functions: normalisation for matching, segmentation, display helpers."""
