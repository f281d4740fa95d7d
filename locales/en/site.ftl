# The frame of every page: header, language switch, footer.
site-skip = Skip to main content
site-nav = Site
site-standards = Standards
site-search-label = Search clauses, comments and decisions
site-search = Search
site-footer = Docket publishes draft standards for local election administration for public comment. Every version's source is fingerprinted with SHA-256 so anyone can check that what they read is what was published.

# Dates and times.
date-long = { $day } { $month } { $year }
date-time = { $date }, { $time }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# How clauses are named in words, on every page and in mail.
clause-name-whole-version = the whole version
clause-name-unnumbered = “{ $heading }”
clause-name-full = clause { $number } ({ $heading })
clause-name-short = clause { $number }
clause-name-by-key = clause “{ $key }”
clause-name-gone = the clause “{ $key }”
