def find_documents(*, title, paragraphs, published=None):
    return []
