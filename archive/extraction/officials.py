def find_officials(*, title, paragraphs, exclude_names=()):
    return []
