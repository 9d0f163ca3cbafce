from symptom_classifier.server import main

main()
