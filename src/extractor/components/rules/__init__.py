"""Rule helpers of the stages: cues and lexicons, quote marks, speakers,
attribution, names and date patterns. Model-free where they can be; none
of them writes on a Doc."""
