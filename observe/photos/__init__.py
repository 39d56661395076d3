"""Photos of observations and learning stories: imaging, storage, serving."""
