print("schemac: not built yet")
