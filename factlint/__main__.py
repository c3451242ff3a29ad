"""Allow ``python -m factlint``."""

from factlint.entry import main

if __name__ == "__main__":
    main()
