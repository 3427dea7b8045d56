print("outreachd: not built yet")
