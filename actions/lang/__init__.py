"""Norwegian language helpers: reading what users write, writing what the bot says.

`parse` turns free text (bokmål, some nynorsk, learner spelling) into plain values; `dates` formats
and reads dates; `render` turns rules-core results into short plain-Norwegian messages.
"""
