"""Club sessions in a group chat: one cue chain for the group, a check for each member."""
