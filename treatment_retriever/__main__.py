from treatment_retriever.server import main

main()
