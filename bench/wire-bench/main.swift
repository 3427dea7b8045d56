print("wire-bench: not built yet")
