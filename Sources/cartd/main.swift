print("cartd")
