# pages
# The public reading pages: standards, versions, clauses, comparisons,
# histories, changelogs, the disposition report and search.

# Shared by several pages.
pages-breadcrumb = Breadcrumb
pages-version = Version { $label }
pages-version-titled = Version { $label }: { $title }
pages-version-col = Version
pages-versions = Versions
pages-status = Status
pages-published = Published
pages-comment-period = Comment period
pages-welcome-now = (comments welcome now)
pages-no-version = No version has been published yet.
pages-window = { $opens } to { $closes }
pages-standard-version = { $standard }, version { $label }
pages-back-to-version = Back to version { $label }

# Status of a version.
status-draft = Draft (unpublished)
status-open = Open for comment
status-closed = Comment period closed
status-final = Final
status-superseded = Superseded

# Outcome of an editors' decision.
outcome-accepted = Accepted
outcome-accepted-modified = Accepted with modification
outcome-not-accepted = Not accepted
outcome-noted = Noted
outcome-duplicate = Duplicate
outcome-out-of-scope = Out of scope

# Kind of comment.
kind-general = General
kind-technical = Technical
kind-editorial = Editorial

# home.html
home-title = Standards for election administration
home-lede = Read each draft clause by clause, see what changed between versions, and tell the editors what you think while a draft is open for comment.
home-none = No standards have been published yet.
home-latest = Latest version

# standard.html
standard-follow = Follow this standard by email
standard-follow-after = : hear of new drafts and comment periods. Or follow its
standard-feed = versions feed
standard-feed-after = (Atom) in a feed reader.
standard-caption = Published versions, newest first. Times are in { $zone }.
standard-compare-intro = See what changed between any two versions, clause by clause:
standard-compare-link = changes from version { $from } to version { $to }

# version_facts.html
facts-sha = SHA-256 of the source
facts-download = download the source
facts-to-check = to check it

# newer_notice.html
newer-not-current = Version { $label } is not the current version of { $standard }.
newer-read-clause = Read { $clause } in version { $label }
newer-read-version = Read version { $label }
newer-current = , the current version ({ $status })
newer-clause-gone = ; this clause is not in it

# version.html
version-times = Times are shown in { $zone }.
version-changelog = Changelog of version { $label }
version-changelog-what = (comment periods, decisions, publication)
version-of-version = of version { $label }
version-report-what = (what became of each comment)
version-follow = Follow { $standard } by email
version-open-data = All public comments as open data:
version-file-of-comments = file of the comments on version { $label }
version-feeds = Feeds
version-feed-comments = new comments
version-feed-decisions = editors' decisions
version-changed-since = What changed since version { $label }
version-contents = Contents
version-permalink = Permalink
version-to-clause = to { $clause }
version-open-clause = Open { $clause } on its own page
version-changes-to = Changes to { $clause } since version { $label }
version-history = History
version-of-clause = of { $clause }
version-comment-on = Comment on { $clause }
version-on-clause = on { $clause }
version-on-earlier = { $count } on earlier versions

# clause.html
clause-in-section = In this section
clause-key = Key:
clause-read-full = Read in the full version
clause-history = History of this clause
clause-follow-feeds = Follow version { $label } in a feed reader (Atom):
clause-neighbours = Neighbouring clauses
clause-previous = Previous:
clause-next = Next:

# changelog.html
changelog = Changelog
changelog-title = Changelog: { $standard }, version { $label }
changelog-intro = What the editors did with this version after it was published: comment periods opened, closed and extended, decisions on comments, and publications. Times are in { $zone }.
changelog-empty = Nothing has been recorded for this version yet.

# history.html
history-of = History of “{ $heading }”
history-lede-key = The clause with key
history-lede-every = in every published version of { $standard }.
history-caption = Where the clause appears
history-number = Number
history-heading = Heading
history-unnumbered = (unnumbered)
history-absent = Not in this version
history-one-version = This clause appears in only one published version, so it has no changes to show.
history-step = Version { $from } to version { $to }: { $change }
history-see-change = See this change in the full comparison of versions { $from } and { $to }

# compare.html and compare_form.html
compare-versions = Compare versions
compare-title-short = Changes from version { $from } to { $to }
compare-title = Changes from version { $from } to version { $to }
compare-crumb = Compare versions { $from } and { $to }
compare-version-titled = version { $label }, { $title }
compare-compared-with = , compared with
compare-ways = Ways to read this comparison
compare-reverse = Reverse the direction
compare-form-legend = Compare two versions
compare-form-from = From
compare-form-to = To
compare-form-view = View
compare-form-submit = Compare
compare-view-inline = Inline
compare-view-side = Side by side
compare-view-changes = Changes only
compare-view-summary = Summary table

# dispositions.html
report = Disposition report
report-title-short = Disposition report — { $standard }, version { $label }
report-title = Disposition report: { $standard }, version { $label }
report-intro = Every public comment on version { $label } and the editors' decision on it: the outcome, the reason, and the clause of a later version that resolves it.
report-decided = { $decided } of { $total } { $total ->
    [one] comment has
   *[other] comments have
  } a decision so far.
report-from-offices = { $count } from election offices.
report-only-offices = Only those are listed below.
report-list-all = List every comment
report-list-offices = List only comments from election offices
report-download = Download:
report-csv = CSV (spreadsheet)
report-no-comments = Version { $label } has no public comments.
report-glance = At a glance
report-by-outcome = Decisions by outcome
report-outcome = Outcome
report-comments = Comments
report-no-decision = No decision yet
report-by-clause = Comments by clause
report-clause = Clause
report-decided-col = Decided
report-in-order = Comments and decisions, in the order of the clauses
report-whole-version = Whole version
report-comment = Comment { $tracking }
report-by = by
report-office = Election office:
report-in-reply-to = in reply to { $tracking }
report-proposed = Proposed text, as a redline against the clause:
report-rationale = Rationale
report-resolved-in = Resolved in
report-what-changed = What changed
report-in-clause = in { $clause }
report-pages = Pages of the report
report-first-page = First page
report-previous = Previous comments
report-next = Next comments

# search.html
search-title-q = Search: { $q }
search-words = Words to find
search-help-every = Every word must appear. Use
search-help-phrase = for words side by side,
search-help-prefix = for words that begin so,
search-help-or = between two words for either, and
search-help-not = to leave a word out.
search-narrow = Narrow the search
search-show = Show
search-what-all = Clauses, comments and decisions
search-what-clauses = Clauses
search-what-comments = Comments
search-what-decisions = Decisions
search-standard = Standard
search-every-standard = Every standard
search-every-version = Every version
search-kind = Kind of comment
search-any-kind = Any kind
search-decision = Decision
search-decided-any = Decided or not
search-decided-yes = Comments with a decision
search-decided-no = Comments without a decision
search-nothing = Nothing matches
search-nothing-try = Try fewer words, or a word that begins so with
search-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
  }
search-page-of = , page { $page } of { $pages }
search-kind-clause = Clause
search-kind-comment = Comment
search-kind-decision = Decision
search-in-version = { $standard }, version { $label }
search-pages = Pages of results
search-previous = Previous page
search-next = Next page

# Atom feeds (the feed's language follows the request).
feed-versions-title = Versions of { $standard }
feed-comments-title = Comments on { $standard }, version { $label }
feed-decisions-title = Decisions on comments on { $standard }, version { $label }
feed-editors = The editors of { $standard }
feed-version-entry = Version { $label }: { $title } ({ $status })
feed-status = Status: { $status }.
feed-comment-period = Comment period: { $window } ({ $zone }).
feed-sha = SHA-256 of the source:
feed-resolved-in = Resolved in { $clause }.
feed-decision-entry = { $outcome }: comment { $tracking } on { $clause }
feed-comment-entry = Comment on { $clause } by { $name } ({ $tracking })
feed-reply-entry = Reply on { $clause } by { $name } ({ $tracking })

# Counts of comments beside clauses, and notes under a search.
discussion-count-none = No comments yet
discussion-count = { $count ->
    [one] 1 comment
   *[other] { $shown } comments
}
search-note-max-terms = Only the first { $max } words and phrases were searched for.
search-note-only-excluded = Words after a minus sign only narrow a search; add a word to find.
reading-no-text = There is no text in “{ $value }”. Choose { $choices }.
reading-or = or
search-err-yes-no = “{ $value }” is not yes or no.
search-err-version-alone = Choose a standard to search one of its versions.
search-err-pages = Pages go from 1 to { $max }; narrow the search to see further.
search-err-no-standard = There is no standard “{ $slug }”.
search-note-type-words = Type one or more words to search for.
search-note-more = This search finds more than { $ranked } comments and decisions: the newest { $ranked } are ranked here, with every clause it finds. Add words or choose a standard, a version or a type to narrow it.
search-decision-title = Decision on comment { $tracking }: { $outcome }
search-by-office = { $by }, Election office: { $office }
search-kind-general = General
search-kind-technical = Technical
search-kind-editorial = Editorial
search-comment-title = { $kind } comment { $tracking } by { $by }, on { $place }

# Notes about translations on version, clause and comparison pages.
language-name-en = English
language-name-es = Spanish
reading-notice-translated = This is a { $language } translation of version { $version }, for convenience. The English text is the official one:
reading-notice-official-link = read the official English text
reading-notice-same-key = A comment on a clause belongs to that clause in every language.
reading-notice-missing = Version { $version } has no { $language } translation, so the official English text is shown.
reading-offer-in = Read this version in { $language }
compare-notice-translated = This comparison is of the { $language } translations of both versions, for convenience. The English texts are the official ones:
compare-notice-official-link = compare the official English texts
compare-notice-missing = Version { $versions } has no { $language } translation, so this is the comparison of the official English texts.
compare-offer = Compare the { $language } translations of these versions
compare-and = and
