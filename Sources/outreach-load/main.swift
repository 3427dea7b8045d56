print("outreach-load: not built yet")
