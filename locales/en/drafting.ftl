# Messages of the staff pages and their actions (drafting).

# Starting, saving and publishing the next draft (drafts.rs).
drafting-err-no-published = { $standard } has no published version to start a draft from.
drafting-err-version-exists = Version { $version } of { $standard } already exists; no draft was started.
drafting-err-label-published = A draft labelled { $version } was already published; no draft was started.
drafting-err-cannot-copy = Version { $version }'s source cannot be copied into a draft: { $problem }
drafting-stale = Not saved: the draft was changed since you opened it (it is now at revision { $revision }, saved by { $by } at { $when }). Nothing was overwritten. Your text is shown below the current draft; copy your changes into the current text and save again.
drafting-err-empty = The draft is empty. Nothing was saved.
drafting-err-too-large = The draft is larger than 2 MiB. Nothing was saved.
drafting-err-published-no-change = Version { $version } is already published; its draft can no longer change.
drafting-err-window-order = The comment period must close after it opens. Nothing was published.
drafting-err-window-past = The comment period must close in the future. Nothing was published.
drafting-err-window-missing = A version opened for comment needs the dates its comment period opens and closes. Nothing was published.
drafting-err-bad-status = A version cannot be published with status “{ $status }”: choose open, closed or final.
drafting-err-already-published = Version { $version } is already published.
drafting-err-not-latest = This draft revises version { $version }, which is no longer the latest published version. Nothing was published.
drafting-err-label-exists = Version { $version } already exists (perhaps imported from content/). Nothing was published.
drafting-err-front-unreadable = The draft's front matter cannot be read: { $problem }. Nothing was published.
drafting-err-does-not-parse = The draft does not parse, so nothing was published: { $problem }
drafting-err-label-mismatch = The draft's front matter says label "{ $found }" but this is the draft of version { $version }: set label = "{ $version }". Nothing was published.
drafting-err-checklist-open = Nothing was published: the checklist has open items. Fix each, or tick its box on the publish form: { $items }

# The mail to a standard's followers when a new version is published.
drafting-mail-published-subject = { $title }: version { $version } is published
drafting-mail-published = Version { $version } of { $title } is published.
drafting-mail-published-window = Comments are open from { $opens } to { $closes }.
drafting-mail-published-read = Read it:
drafting-mail-published-changes = What changed since version { $previous }:
drafting-mail-published-decisions = What became of every comment on version { $previous }:

# The checklist before publishing (drafts/checklist.rs).
drafting-check-undecided = { $open } of the { $total } public comments on version { $version } have no decision.
drafting-check-undecided-link = Open the comments without a decision
drafting-check-unreleased = { $count ->
    [one] { $count } decision on version { $version } is not released yet.
   *[other] { $count } decisions on version { $version } are not released yet.
}
drafting-check-unreleased-approved = { $count } approved: released (made public, mailed and added to the ledger) when this version is published.
drafting-check-unreleased-ready = { $count } marked ready, waiting for approval: not released by publishing.
drafting-check-unreleased-drafts = { $count } still drafts: not released by publishing.
drafting-check-unreleased-link = Review and release the decisions
drafting-check-numbering = Clause numbers are out of sequence.
drafting-check-title = The title is the same as version { $version }'s: “{ $title }”.
drafting-check-notes = The notes are the same as version { $version }'s.
drafting-check-removed = Clauses that people commented on are not in the draft.
drafting-check-removed-clause = { $count ->
    [one] { $clause } ({ $count } comment)
   *[other] { $clause } ({ $count } comments)
}

# Clause numbers (drafts/numbering.rs).
drafting-numbering-twice = { $number } is used twice (“{ $heading }”).
drafting-numbering-first = The first clause is numbered { $number }, not 1.
drafting-numbering-gap = { $previous } is followed by { $number } (“{ $heading }”); the next number would be one of { $expected }.
drafting-renumber-stale = Not renumbered: the draft was saved again (revision { $revision }, by { $by }) after you opened it. Nothing changed; look at the numbers again and renumber if they still need it.
drafting-renumber-failed = Not renumbered: { $problem }. Nothing changed.
drafting-renumber-changed-meanwhile = The draft changed while it was being renumbered; try again.

# Saving one clause (drafts/clause_text.rs, drafts/clauses.rs, drafts/desk.rs).
drafting-clause-bad-number = “{ $number }” is not a clause number: write digits separated by dots, like 3.5, or leave it empty.
drafting-clause-no-heading = The heading is empty: a clause needs a heading.
drafting-clause-key-in-heading = Leave the key out of the heading: the clause keeps its key by itself.
drafting-clause-too-large = The clause's text is larger than 256 KiB.
drafting-not-saved = Not saved: { $problem }
drafting-not-saved-because = Not saved: { $problem }. Nothing changed.
drafting-clause-removed-meanwhile = another save removed this clause from the draft
drafting-merge-number = the number was changed to { $current } meanwhile, and you changed it to { $mine }
drafting-merge-heading = the heading was changed to “{ $current }” meanwhile, and you changed it to “{ $mine }”
drafting-merge-body = where the text you started from reads “{ $base }”, the saved text now reads “{ $current }” and yours “{ $mine }”
drafting-clause-would-not-parse = Not saved: with this text the draft would not parse. Nothing changed.
drafting-clause-heading-line = Not saved: the text holds a heading line (a line starting with #), which would start a new clause. Add or split clauses in the whole file; here, edit this clause alone.
drafting-clause-keys-change = Not saved: with this text, other clauses of the draft would change their keys. Write their keys out in the whole file ({"{"}#key{"}"} at the end of each heading), then save again.
drafting-clause-changed-meanwhile = The draft changed while the clause was being saved; save again.
drafting-clause-conflict = Not saved: { $by } saved the draft (revision { $revision }) after you opened { $clause }, and { $why }. Nothing changed. Choose the text to keep, or combine them below.
drafting-err-published-no-edit = Version { $version } is published, so its draft can no longer be edited; the next draft is started from the editors' feedback page.
drafting-err-no-parse-clauses = The draft does not parse, so its clauses cannot be edited one by one: { $problem }. Fix it in the whole file.
drafting-err-clause-not-here = This clause cannot be edited here: { $problem }.

# The title and notes (drafts/front.rs).
drafting-front-title-empty = Not saved: the title is empty. Nothing changed.
drafting-front-too-long = Not saved: the title or the notes are too long. Nothing changed.
drafting-front-no-parse = Not saved: the draft does not parse ({ $problem }); fix it in the whole file first.
drafting-front-conflict = Not saved: { $by } saved the draft (revision { $revision }) after you opened it and changed the title or notes too. Nothing changed. The fields hold what you typed; the saved values are shown beside them.
drafting-front-changed-meanwhile = The draft changed while the title was being saved; save again.

# Taking a comment's proposed text into the draft (drafts/proposals.rs).
drafting-proposal-published = Version { $version } is already published; proposals can no longer be taken into it.
drafting-proposal-no-comment = There is no comment number { $id }.
drafting-proposal-other-version = Comment { $tracking } is not on version { $version }, which this draft revises.
drafting-proposal-not-published = Comment { $tracking } is not published, so its text cannot be accepted.
drafting-proposal-no-text = Comment { $tracking } proposes no replacement text for a clause.
drafting-proposal-already = The proposed text of comment { $tracking } is already in the draft.
drafting-proposal-stale = The draft was saved again (revision { $revision }) after you opened this page, so your text was not applied. The page shows the texts as they are now; your text is kept below them.
drafting-proposal-no-clause = Clause “{ $clause }” is not in version { $version }, so comment { $tracking }'s text has nothing to revise.
drafting-proposal-not-applied = The text of comment { $tracking } was not applied: { $problem }.
drafting-proposal-changed-meanwhile = The draft changed while the text was being applied; try again.
# Inserted after "changed too", with a space before it.
drafting-proposal-held = (the draft already holds the proposed text of comment { $comments })
drafting-proposal-more = , and they differ in { $count } more places
drafting-proposal-conflict = Conflict: in clause “{ $clause }”, comment { $tracking } proposes changes to words the draft has changed too{ $held }, so nothing was applied. Where the published text reads “{ $published }”, the draft reads “{ $draft }” and the proposal “{ $proposed }”{ $more }. Choose one of the texts below, or write the clause as it should read, and record comment { $tracking }'s disposition (for example, accepted with modification).

# The draft's pages (web/drafts.rs, web/draft_clauses.rs, web/proposals.rs).
drafting-notice-saved = Saved as revision { $revision }.
drafting-notice-saved-merged = Saved as revision { $revision }, combined with the changes someone else saved meanwhile.
drafting-notice-applied = The proposed text of comment { $tracking } was applied to its clause.
drafting-notice-merged = The proposed text of comment { $tracking } was merged into this clause.
drafting-notice-published = { $count ->
    [one] Published. { $count } subscriber will be emailed.
   *[other] Published. { $count } subscribers will be emailed.
}
drafting-notice-renumbered = Renumbered: { $count } clause numbers changed.
drafting-renumber-stale-page = Not renumbered: the draft was saved again after you opened it. Nothing changed; look at the numbers below and renumber again if they still need it.
drafting-err-no-revision = The form did not say which revision it edits, so nothing was saved. Reload the draft and make your change again.
drafting-err-no-revision-clause = The form did not say which revision of the draft it edits, so nothing was saved. Open the draft again.
drafting-err-choose-comment = Choose the comment whose proposed text to accept.
drafting-preview-title = Preview of the draft of version { $version }
drafting-preview-intro = How the draft reads now (revision { $revision }), clause by clause, with each clause's key.
drafting-draft-redline-title = Draft of version { $version } compared with version { $base }
drafting-draft-redline-intro = What the draft (revision { $revision }) changes in version { $base }: { $summary }

# The publish form (web/drafts.rs).
drafting-err-confirm = Tick the box that confirms the publication: a published version can never be changed. Nothing was published.
drafting-err-choose-status = Choose how to publish the version: open for comment, closed or final. Nothing was published.
drafting-err-unknown-status = “{ $status }” is not a status a new version can have: choose open, closed or final. Nothing was published.
drafting-err-not-published = { $message } Nothing was published.
drafting-err-bad-date = The publication date “{ $date }” is not a date; write it as 2026-12-01.
drafting-field-opens = opening date and time
drafting-field-closes = closing date and time of the comment period

# Review and release (web/release.rs).
drafting-err-nothing-changed = { $message } Nothing was changed.

# Editing a version file (standard/edit.rs).
drafting-edit-no-parse = the draft does not parse: { $problem }
drafting-edit-no-clause = the draft has no clause with the key “{ $key }”
drafting-edit-heading = the heading of clause “{ $key }” (line { $line }) is not a single line starting with #; edit this clause by hand

# A version file's front matter (standard/frontmatter.rs).
drafting-fm-missing = missing front matter: the file must start with a line `+++`, then TOML (label, title, status, …), then another `+++` line
drafting-fm-not-closed = front matter is not closed: add a line `+++` after the TOML fields
drafting-fm-invalid = invalid front matter: { $problem }
drafting-fm-bad-label = invalid label `{ $label }`: use letters, digits, `.`, `-` or `_` (for example "2")
drafting-fm-no-title = title is empty
drafting-fm-bad-published = published must be a date such as 2026-03-02
drafting-fm-bad-opens = comment_opens must be a date-time with a UTC offset, such as 2026-03-02T14:00:00Z
drafting-fm-bad-closes = comment_closes must be a date-time with a UTC offset, such as 2026-04-30T23:59:00Z
drafting-fm-closes-before = comment_closes must be after comment_opens
drafting-fm-both-or-neither = give both comment_opens and comment_closes, or neither
drafting-fm-open-needs-window = a version with status "open" needs comment_opens and comment_closes

# A version file's clauses (standard/parse.rs).
drafting-parse-not-utf8 = the file is not valid UTF-8 (bad byte at offset { $offset }); save it as UTF-8
drafting-parse-empty = the file is empty
drafting-parse-no-clauses = the version has no clauses: each clause starts with a heading such as `## 1 Scope {"{"}#scope{"}"}`
drafting-parse-no-words = a clause heading has no words after its number
drafting-parse-bad-key = invalid key `{"{"}#{ $key }{"}"}`: keys use lowercase letters, digits and hyphens, and start with a letter or digit

# The redline views (redline/html.rs, comparison.rs).
# What screen readers announce before an insertion or a deletion: "[inserted: …]".
drafting-redline-inserted = inserted
drafting-redline-deleted = deleted
drafting-redline-legend = Inserted text is { $inserted } and deleted text is { $deleted }; screen readers announce each.
drafting-redline-underlined = underlined
drafting-redline-struck = struck through
drafting-redline-summary = { $added } added, { $removed } removed, { $modified } modified, { $unchanged } unchanged; { $moved } moved.
drafting-redline-added = Added
drafting-redline-removed = Removed
drafting-redline-modified = Modified
drafting-redline-unchanged = Unchanged
drafting-redline-moved = Moved
drafting-redline-renumbered-from = Renumbered from { $number }
drafting-redline-replaced = Too different to compare word by word: shown replaced
# After "History", for screen readers.
drafting-redline-of-this-clause = of this clause
drafting-redline-change-moved = moved
drafting-redline-change-renumbered = renumbered
drafting-redline-change-replaced = shown replaced
drafting-history-renumbered = renumbered from { $from } to { $to }
drafting-redline-absent = Not in version { $version }.
drafting-redline-none = No clause changed between these versions.
drafting-redline-counts-caption = Clauses by kind of change
drafting-redline-count-added = Added
drafting-redline-count-removed = Removed
drafting-redline-count-modified = Modified
drafting-redline-count-unchanged = Unchanged
drafting-redline-count-moved = Moved
drafting-redline-only-renumbered = Only renumbered
drafting-redline-changed-caption = Changed clauses ({ $count }), in the order of version { $version }
drafting-redline-col-clause = Clause
drafting-redline-col-heading = Heading
drafting-redline-col-change = Change
drafting-redline-go-to-change = (go to the change)
drafting-redline-unchanged-run = { $count ->
    [one] { $count } unchanged clause: { $range }
   *[other] { $count } unchanged clauses: { $range }
}
drafting-redline-range = { $first } to { $last }

# Keys and statuses in a version's source.
drafting-duplicate-key = duplicate key `{ $key }`: it is already used by the clause on line { $line }; keys must be unique within a version
drafting-unknown-status = unknown status `{ $status }`; expected one of draft, open, closed, final, superseded
