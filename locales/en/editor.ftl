# editor

# Shared by the editors' pages.
editor-draft-of-version = Draft of version { $version }
editor-of-standard = of { $standard }
editor-on-version = on version { $version }
editor-for-version = for version { $version }
editor-feedback-on-version = Feedback on version { $version }
editor-not-saved = Not saved
editor-does-not-parse = The draft does not parse
editor-back-to-draft = Back to the draft
editor-compare-with = Compare with version { $version }
editor-title = Title
editor-number = Number
editor-heading = Heading
editor-key = Key
editor-all-clauses = All clauses of the draft
editor-save-title-notes = Save title and notes
editor-as-published-in = As published in version { $version }
editor-not-in-version = Not in version { $version }.
editor-changes-from-published = Changes from the published text:
editor-removed = removed
editor-added = added
editor-numbers-to-check = Clause numbers to check
editor-renumber = Renumber the clauses in order
editor-keys-stay = Keys stay as they are; only numbers change.

# editor/index.html
editor-index-title = Feedback and drafts
editor-index-intro = Read every comment on a version, record a decision on each, take accepted wording into the draft of the next version, and publish it. Each version's disposition report is public.
editor-index-no-standard = No standard has been imported yet.
editor-index-draft-tasks = : edit, preview, compare and publish it.
editor-index-start-draft = Start the draft of version { $version }
editor-index-no-version = No published version.
editor-index-caption = Published versions of { $standard }, newest first
editor-col-version = Version
editor-col-comments = Comments
editor-col-decided = Decided
editor-col-pages = Pages
editor-feedback = Feedback
editor-report = Report

# editor/draft.html
editor-draft-heading = Draft of version { $version } of { $standard }
editor-preview = Preview
editor-download = Download { $file }.md
editor-version = version { $version }
editor-draft-is-published = This draft is published
editor-draft-published-as = as
editor-draft-no-longer-change = and can no longer change. Download
editor-draft-commit-as = and commit it, unchanged, as
editor-draft-revision = Revision { $revision }, saved { $updated }
editor-draft-saved-by = by { $by }.
editor-draft-revises = It revises version { $version }.
editor-draft-save-anyway = You can save it as it is, but it cannot be published until this is fixed.
editor-draft-parses = The draft parses: { $count } clauses.
editor-title-and-notes = Title and notes
editor-title-unchanged = The title is still the one of version { $version }.
editor-notes-unchanged = The notes are still the ones of version { $version }.
editor-notes-label = Notes on this version (Markdown: what changed and why)
editor-clauses = Clauses
editor-numbers-in-sequence = The clause numbers run in sequence.
editor-references-unchanged = References to numbers in the text are not changed.
editor-clauses-caption = Open a clause to edit it beside its published text and its comments
editor-whole-file = Edit the whole file
editor-whole-file-a = The version file: TOML front matter between
editor-whole-file-b = lines, then Markdown. Each heading starts a clause; keep a clause's
editor-whole-file-c = so its comments and history follow it.
editor-save-revision = Save revision { $revision }
editor-rejected-title = Your text that was not saved
editor-rejected-text = Copy what you need from here into the current draft above, then save.
editor-unsaved-text = Unsaved text
editor-publish-ellipsis = Publish version { $version }…
editor-accepted-title = Proposed text taken into this draft
editor-accepted-none = None yet. Accept proposed text from the feedback page of version { $version }.
editor-accepted-comment = Comment
editor-accepted-into = into clause

# editor/draft_view.html, editor/front.html
editor-back-to-draft-of = Back to the draft of version { $version }
editor-front-title = Title and notes not saved — draft of version { $version }
editor-front-heading = Title and notes of the draft of version { $version }
editor-saved-now = Saved now
editor-notes = Notes
editor-notes-markdown = Notes on this version (Markdown)

# editor/publish.html
editor-publish-version = Publish version { $version }
editor-publish-heading = Publish version { $version } of { $standard }
editor-publish-fix-first = Fix it in the draft before publishing.
editor-publish-intro = Publishing makes the draft ({ $count } clauses) version { $version }: public, and never changed again.
editor-publish-superseded = Version { $version } is marked superseded and its comment period ends now.
editor-publish-subscribers = Subscribers to { $standard } are emailed.
editor-publish-checklist-ok = Checklist: every comment on version { $version } has a decision, the clause numbers run in sequence, the title and notes are new, and no clause that was commented on was removed.
editor-publish-checks = Before publishing: fix each of these in the draft or the feedback, or tick its box to publish anyway
editor-publish-ack = I have seen this and publish anyway.
editor-publish-how = How to publish it
editor-publish-open = Open for comment
editor-publish-closed = Published, not open for comment
editor-publish-final = Final
editor-publish-date = Publication date
editor-publish-period = Comment period (when open for comment; times in { $tz })
editor-publish-empty-now = (empty: now)
editor-publish-confirm = I have read the redline, and I understand that version { $version } cannot be changed once published.

# editor/clause.html
editor-draft-of-version-lower = draft of version { $version }
editor-clause-in-draft = in the draft of version { $version }
editor-previous = Previous: { $name }
editor-next = Next: { $name }
editor-fields-kept = The fields below still hold what you typed.
editor-clause-in-draft-revision = In the draft (revision { $revision })
editor-number-hint = (like 3.5; may be empty)
editor-key-kept = kept whatever the heading or number, so comments and history follow the clause.
editor-clause-text = Text of the clause (Markdown)
editor-save-clause = Save this clause
editor-changes-from-version = Changes from version { $version }
editor-clause-new = This clause is new in the draft.
editor-marked = Marked:
editor-clause-side = The clause as published and its feedback
editor-comments-and-decisions = Comments and decisions ({ $count })
editor-no-public-comments = No public comments on this clause.
editor-by = by { $author }
editor-a-reply = a reply
editor-proposed-text = Proposed text:
editor-proposed-in-draft = Its proposed text is in the draft.
editor-accept-comment-text = Accept comment { $tracking }'s text into the draft
editor-decision-is = Decision: { $outcome }.
editor-no-decision-yet = No decision yet.
editor-more-comments = More comments on this clause

# editor/clause_conflict.html, editor/conflict.html
editor-conflict-title = Conflict in { $clause } — draft of version { $version }
editor-clause-conflict-heading = { $by } changed { $clause } while you were editing it
editor-clause-as-saved = { $clause } as saved now
editor-saved-by = Saved by { $by } (revision { $revision })
editor-keep-theirs = Keep this text and leave mine
editor-your-text = Your text
editor-save-mine = Save my text in place of { $by }'s
editor-write-clause = Or write the clause as it should read
editor-clause-text-yours = Text of the clause (Markdown); it starts as yours
editor-save-text = Save this text
editor-proposal-conflict-heading = Comment { $tracking } and the draft change the same words
editor-nothing-changed-yet = Nothing has changed yet.
editor-in-the-draft = In the draft
editor-with-comment = (with comment { $tracking })
editor-keep-draft = Keep the draft's text
editor-as-proposed-by = As proposed by comment { $tracking }
editor-take-proposed = Take the proposed text
editor-write-named-clause = Or write { $clause } as it should read (Markdown)
editor-save-into-draft = Save this text into the draft
editor-record-disposition = Whatever you choose, record comment { $tracking }'s disposition on the feedback page (for example, accepted with modification).

# editor/feedback.html and src/web/editor.rs
editor-feedback-title = Feedback on { $standard }, version { $version }
editor-outcome = Outcome
editor-rationale = Rationale
editor-rationale-hint = (required; published with the decision)
editor-resolving-clause = Resolving clause of the next version
editor-resolving-clause-hint = (its key, optional)
editor-save-decision-draft = Save the decision as a draft
editor-record-decision = Record the decision
editor-pages-of-comments = Pages of comments
editor-first-page = First page
editor-previous-page = Previous { $count } comments
editor-next-page = Next { $count } comments
editor-all-standards = All standards
editor-version-capital = Version { $version }
editor-public-report = Public disposition report
editor-decided-of-total = { $decided } of { $total }
editor-have-a-decision = comments have a decision.
editor-filters-show = The filters below show { $shown } of them.
editor-mode-review = Decisions on this standard are reviewed before release: a decision recorded here is a draft that only staff see until another editor approves it and it is released.
editor-mode-immediate = Decisions on this standard are released immediately: each is public and mailed the moment it is recorded.
editor-review-and-release = Review and release
editor-waiting-count = ({ $count } waiting)
editor-counts = Counts
editor-by-status = By status:
editor-none-yet = none yet
editor-from-offices = { $count } from election offices
editor-by-decision = By decision:
editor-filter-and-search = Filter and search
editor-filter-type = Type
editor-filter-decision = Decision
editor-filter-proposed = Proposed text
editor-filter-office = Election office
editor-filter-org = Organisation contains
editor-filter-words = Words in the comment
editor-clear-filters = Clear the filters
editor-campaigns = Campaigns: exact and near copies
editor-largest = largest
editor-campaigns-intro = Comments with the same text, give or take a few words, grouped when each arrived. Every member is still listed under its clause below and counted on its own; one decision here is recorded on each comment the form names, and each commenter is emailed.
editor-campaign-heading = Campaign { $number }: { $size } comments ({ $decided } decided)
editor-by-word = by
editor-on-place = on { $place }
editor-list-campaign = List all { $size } comments of campaign { $number }
editor-decide-campaign-all = Decide all { $size } comments of campaign { $number }
editor-decide-campaign-some = Decide { $size } comments of campaign { $number } (the first without a decision; the form then offers the next ones)
editor-open-replies = Replies with no decision yet
editor-first-50 = the first 50
editor-open-replies-intro = Replies that only agree with a comment need no decision of their own. Tick them and mark them together: they stay published, and no longer count as undecided on the publishing checklist.
editor-replies-no-decision = Replies that need no decision
editor-mark-replies = Mark the ticked replies as needing no decision
editor-no-match = No comment matches these filters.
editor-no-comments = No comments on this version yet.
editor-clauses-with-comments = Clauses with comments
editor-shown-of = { $shown } of
editor-comment-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
editor-read-public = Read it on the public site
editor-campaign-n = Campaign { $number }
editor-one-of-copies = One of { $size } copies
editor-taken-into = Proposed text taken into { $version }
editor-no-decision-needed = No decision needed
editor-decision-on = Decision on comment { $tracking }
editor-accept-into-draft = Accept the proposed text into the draft of version { $version }
editor-comment-n = comment { $tracking }
editor-only-published = Only published comments can be given a decision.
editor-moderate = Moderate
editor-redact-on-page = Redact part of comment { $tracking } on its page
editor-choose-outcome = Choose an outcome
editor-filter-any = Any
editor-filter-no-decision = No decision yet
editor-filter-still-open = Still open (none drafted, none marked as not needed)
editor-filter-decided = Decided
editor-kind-any = Any type
editor-kind-general = General
editor-kind-technical = Technical
editor-kind-editorial = Editorial
editor-status-any = Any (except unconfirmed)
editor-status-published = Published
editor-status-pending = Waiting for a moderator
editor-status-hidden = Hidden
editor-status-spam = Spam
editor-status-unverified = Unconfirmed by their author
editor-office-any = Anyone
editor-office-yes = From election offices
editor-office-no = Not from election offices
editor-proposed-any = Either
editor-proposed-yes = With proposed text
editor-proposed-no = Without proposed text
editor-notice-waived = { $count ->
    [one] { $count } reply marked as needing no decision.
   *[other] { $count } replies marked as needing no decision.
}
editor-notice-draft-saved = { $count ->
    [one] Draft decision saved for { $count } comment: only staff see it until it is approved and released.
   *[other] Draft decision saved for { $count } comments: only staff see it until it is approved and released.
}
editor-notice-recorded = { $count ->
    [one] Disposition recorded; the commenter will be emailed.
   *[other] Disposition recorded for { $count } comments; each commenter will be emailed.
}
editor-notice-accepted = The proposed text of comment { $tracking } is now in the draft.
editor-next-published = Resolving clauses are checked against version { $version }, which is published.
editor-next-draft = Resolving clauses are checked against the draft of version { $version }.
editor-next-none = There is no draft of the next version yet: resolving clauses are checked against this version's clauses.
editor-nothing-recorded = { $message } Nothing was recorded.

# editor/release.html and src/web/release.rs
editor-review-state = { $state ->
    [ready] Ready for approval
    [approved] Approved, waiting for release
   *[draft] Draft
}
editor-not-yet-released = Not yet released: { $outcome } ({ $state ->
    [ready] ready for approval
    [approved] approved, waiting for release
   *[draft] draft
})
editor-release-title = Review and release: { $standard }, version { $version }
editor-release-heading = Review and release decisions on version { $version } of { $standard }
editor-back-to-feedback = Back to the feedback
editor-release-how = How decisions on { $standard } are released
editor-release-legend = Release of decisions
editor-release-immediately = Immediately: each decision is public, mailed and in the ledger the moment it is recorded
editor-release-after-review = After review: a decision is a draft for staff until an editor marks it ready, a second editor or an admin approves it, and it is released
editor-release-save-mode = Save how decisions are released
editor-release-waiting = Decisions waiting for release ({ $count })
editor-release-drafts = { $count ->
    [one] { $count } draft
   *[other] { $count } drafts
}
editor-release-ready = { $count } ready for approval
editor-release-approved = { $count } approved.
editor-release-also = Approved decisions are also released when the version after version { $version } is published.
editor-release-button = { $count ->
    [one] Release { $count } approved decision
   *[other] Release { $count } approved decisions
}
editor-release-all-or-none = All of them together, or none: each becomes public on the report, the API and the feeds, is added to the ledger, and its commenter is emailed.
editor-release-mark-all = Mark every listed draft ready for approval
editor-release-approve-all = Approve every listed decision that someone else marked ready
editor-release-none-waiting = No decision on version { $version } is waiting for release.
editor-release-first-listed = The first { $count } are listed.
editor-release-comment-on = Comment { $tracking }, on { $place }
editor-release-resolved-in = Resolved in { $clause }
editor-release-drafted-by = Drafted by { $name }
editor-release-ready-by = marked ready by { $name }
editor-release-approved-by = approved by { $name }
editor-release-mark-ready = Mark ready for approval
editor-release-approve = Approve
editor-release-withdraw = Withdraw
editor-release-the-decision-on = the decision on comment { $tracking }
editor-release-you-marked = You marked it ready: another editor or an admin approves it.
editor-release-released = { $count ->
    [one] { $count } decision released: now public, mailed to the commenters and added to the ledger.
   *[other] { $count } decisions released: now public, mailed to the commenters and added to the ledger.
}
editor-release-updated = { $count ->
    [one] { $count } decision updated.
   *[other] { $count } decisions updated.
}
editor-release-mode-review = Decisions on this standard are now reviewed before release.
editor-release-mode-immediate = Decisions on this standard are now released as soon as they are recorded.
editor-not-a-comment-number = “{ $id }” is not a comment number.
editor-too-many-replies = Too many replies at once. Nothing was changed.
editor-no-reply-ticked = No reply was ticked: tick the replies that need no decision. Nothing was changed.
