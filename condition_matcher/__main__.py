from condition_matcher.server import main

main()
