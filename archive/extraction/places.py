def find_places(*, title, paragraphs, source=""):
    return None, []
