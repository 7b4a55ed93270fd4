"""Present: storyboards of saved views, stepped through full-screen (?story=NAME&slide=N).

A slide is its page's deep link plus present=1&story=NAME&slide=N, so this page only opens
the slide's page; ui/present.py draws the slide frame around whichever page is shown.
"""

import streamlit as st

from ui import present as view
from ui import state

filters, options = state.page_state()
if options.get("story"):
    view.open_slide(options["story"], options.get("slide"), state.is_presenting(options))

st.title("Present")
st.markdown("Step through prepared views full-screen, with large type and no sidebar: each slide is a saved "
            "view of the atlas with a title, a caption and presenter notes. Use the **left and right arrow keys** "
            "or the Previous and Next buttons. Everything works offline.")

st.header("Storyboards")
view.story_list()

st.header("Your draft storyboard")
st.caption("Slides you added with **Add current view to storyboard** in this browser session. Nothing is saved on "
           "the server: download the file to keep it.")
view.draft_editor()

st.header("Importing a storyboard")
st.markdown(
    "A running atlas never writes into the repository's `data/` folder, so adding a storyboard is a deliberate step:\n"
    "1. Fill in every slide's title and caption above (and notes if you like), then download the `.toml` file.\n"
    "2. Copy it into `data/stories/` in your copy of the repository.\n"
    "3. Check it: `python -m lpipdata stories validate` names the file, slide and field of every problem.\n"
    "4. Reload this page: the storyboard is listed above. Commit the file to share it."
)
