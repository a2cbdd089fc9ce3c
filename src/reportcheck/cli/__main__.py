from reportcheck.cli import main

raise SystemExit(main())
