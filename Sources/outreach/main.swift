print("outreach: not built yet")
