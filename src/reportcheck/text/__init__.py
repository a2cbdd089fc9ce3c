"""Text: reading documents and finding the figures in them."""
