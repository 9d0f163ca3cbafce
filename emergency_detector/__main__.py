from emergency_detector.server import main

main()
