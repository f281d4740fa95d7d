# Messages of the staff pages and their actions (decisions).

# Decision forms: src/comments/dispositions.rs
decisions-err-choose-outcome = Choose an outcome for the comment.
decisions-err-no-rationale = Write a rationale: every decision is published with the reason for it.
decisions-err-rationale-long = The rationale is longer than { $max } characters; shorten it.
decisions-err-clause-key = “{ $key }” is not a clause key: keys use lowercase letters, digits and hyphens.
decisions-err-comment-number = “{ $value }” is not a comment number.
decisions-err-no-comment = No comment was named: choose the comment to decide.
decisions-err-too-many = At most { $max } comments can be decided at once.
decisions-err-no-key-in-version = Version { $version } has no clause with the key “{ $key }”.
decisions-err-no-key-in-draft = The draft of version { $version } has no clause with the key “{ $key }”.
decisions-err-no-key-no-draft = There is no clause with the key “{ $key }”, and no draft of the next version yet.
decisions-err-draft-unparsed = The resolving clause cannot be checked because the draft of version { $version } does not parse ({ $problem }). Fix the draft, or leave the clause empty.
decisions-err-no-such-comment = There is no comment number { $id }.
decisions-err-other-version = Comment { $tracking } is on version { $other }, not version { $version }: record its disposition from version { $other }'s feedback page.
decisions-err-not-published = Comment { $tracking } is not published (it is { $status }), so it cannot be given a disposition.

# Where a decision is resolved: src/comments/dispositions/notes.rs and review.rs
decisions-resolved-in = version { $version }, { $clause }
decisions-resolved-unpublished = version { $version } (not yet published), { $clause }
decisions-resolved-next = the next version, { $clause }
decisions-resolved-which-is = { $place }, which is { $clause } in version { $version }

# The disposition report and the threads: src/comments/dispositions/report.rs, threads.rs
decisions-report-hidden = (Hidden by a moderator. Reason: { $reason })
decisions-report-spam = (Removed as spam.)
decisions-earlier-comment = an earlier comment

# Review and release: src/comments/dispositions/review.rs
decisions-err-release-mode = “{ $mode }” is not a way of releasing decisions: choose immediate or review.
decisions-err-mode-waiting = { $count ->
    [one] { $count } decision of this standard is waiting for release: release or withdraw it first. Nothing was changed.
   *[other] { $count } decisions of this standard are waiting for release: release or withdraw them first. Nothing was changed.
}
decisions-err-review-step = “{ $step }” is not a step of review: use ready, approve or withdraw.
decisions-err-nothing-waiting = Comment number { $id } has no decision waiting for release on version { $version }.
decisions-err-already-ready = The decision on comment { $tracking } is already marked ready.
decisions-err-own-ready = You marked the decision on comment { $tracking } ready, so another editor (or an admin) must approve it.
decisions-err-not-ready = The decision on comment { $tracking } is not marked ready yet: an editor marks it ready, then another approves it.
decisions-err-already-approved = The decision on comment { $tracking } is already approved.
decisions-err-none-approved = No decision on version { $version } is approved, so nothing was released.
decisions-err-not-on-version = Comment { $tracking } is not on version { $version }.
decisions-err-not-reply = Comment { $tracking } is not a reply: only replies can be marked as needing no decision.
decisions-err-reply-not-published = Comment { $tracking } is not published (it is { $status }).
decisions-err-already-decided = Comment { $tracking } already has a decision.
decisions-staff-fallback = staff { $id }

# The feedback workspace: src/comments/workspace.rs
decisions-err-filter-type = “{ $value }” is not a type filter: use general, technical or editorial, or leave it empty.
decisions-err-filter-status = “{ $value }” is not a status filter: use published, pending, hidden, spam or unverified, or leave it empty.
decisions-err-filter-disposition = “{ $value }” is not a disposition filter: use none, open, any or one of the outcomes, or leave it empty.
decisions-err-filter-proposed = “{ $value }” is not a proposed-text filter: use yes or no, or leave it empty.
decisions-err-filter-office = “{ $value }” is not an election-office filter: use yes or no, or leave it empty.
decisions-err-page-both = Ask for the page after a comment or before one, not both.
decisions-err-from-key = “{ $key }” is not a clause key.
decisions-section-whole = The whole version
decisions-section-clause = Clause { $clause }
decisions-section-gone = Clause “{ $key }” (not in this version)
decisions-accepted-in = the draft of version { $version }

# Feeds and the API: src/comments/published.rs, src/web/api.rs
decisions-feed-author-office = { $author }, Election office: { $office } ({ $badge })
decisions-err-api-limit = `limit` must be a whole number from 1 to { $max } (default { $default }).
decisions-err-api-after = `after` must be the cursor given in the `next` link of the page before.
decisions-err-api-office = office must be `yes` or `no`, not `{ $value }`
