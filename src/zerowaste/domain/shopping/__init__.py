"""Shopping lists: what to buy for planned meals (`needs`), aisles (`aisles`), the list and its
items (`lists`)."""
