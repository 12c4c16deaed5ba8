"""Cross-document fusion: near-duplicate articles, fused events, stories, GDELT export."""
