# Messages of the staff pages and their actions (desk).

# Comment periods: src/periods.rs and src/web/periods.rs.
# The names of the time fields, as the refusals below use them.
desk-period-field-opening = opening time
desk-period-field-closing = closing time
desk-period-field-new-closing = new closing time
desk-period-err-enter = Enter the { $field }.
desk-period-err-not-a-time = The { $field } “{ $input }” is not a date and time; write it as 2026-12-01 17:00 ({ $zone }).
desk-period-err-skipped-hour = The { $field } { $input } does not exist in { $zone } (the clocks skip that hour); choose another time.
desk-period-err-draft = Version { $version } is a draft: it is not published, so it has no comment period yet.
desk-period-err-locked = Version { $version } is { $status }: its comment period can no longer be changed.
desk-period-err-already-open = Comments on version { $version } are already open (until { $closes }). To give more time, extend the period instead.
desk-period-err-closing-past = The closing time { $closes } is not in the future; choose a later one.
desk-period-err-opens-after-closing = The opening time { $opens } must come before the closing time { $closes }.
desk-period-err-already-closed = The comment period for version { $version } is already closed.
desk-period-err-extend-closed = The comment period for version { $version } is closed; open it again instead of extending it.
desk-period-err-extend-earlier = An extension must move the closing time later than it is now ({ $current }); { $closes } is not later.
desk-period-err-new-closing-past = The new closing time { $closes } is not in the future; choose a later one.
# What the editor is told a change did.
desk-period-open-until = Comments are open until { $closes } ({ $zone }).
desk-period-opens-later = Comments will open { $opens } and close { $closes } ({ $zone }).
desk-period-closed-at = Comments closed at { $closed } ({ $zone }).
desk-period-now-open-until = Comments are now open until { $closes } ({ $zone }).

# Staff accounts and passwords: src/accounts.rs.
desk-account-err-enter-password = Enter the new password.
desk-account-err-password-short = The new password is too short: use at least { $min } characters (a few unrelated words make a good one).
desk-account-err-password-long = The new password is too long: use at most 1,024 characters.
desk-account-err-passwords-differ = The two new passwords are not the same; type them again.
desk-account-err-name-taken = An account named “{ $name }” already exists.
desk-account-err-own-role = You cannot change the role of your own account; ask another administrator.
desk-account-err-own-disable = You cannot disable your own account; ask another administrator.
desk-account-err-same-role = Account “{ $name }” already has the role { $role }.
desk-account-err-last-admin-role = “{ $name }” is the only enabled administrator; make another account an administrator first.
desk-account-err-already-disabled = Account “{ $name }” is already disabled.
desk-account-err-already-enabled = Account “{ $name }” is already enabled.
desk-account-err-last-admin-disable = “{ $name }” is the only enabled administrator and cannot be disabled.
desk-account-err-wrong-password = Your current password is not correct; nothing was changed.
desk-account-err-same-password = The new password is the same as the current one; choose a different one.

# What each audited action is called on the audit log and the public changelog: src/audit.rs.
desk-audit-signed-in = Signed in
desk-audit-signed-out = Signed out
desk-audit-password-changed = Changed own password
desk-audit-account-created = Account created
desk-audit-account-role-changed = Account role changed
desk-audit-account-disabled = Account disabled
desk-audit-account-enabled = Account enabled
desk-audit-account-password-reset = Account password reset
desk-audit-period-opened = Comment period opened
desk-audit-period-closed = Comment period closed
desk-audit-period-extended = Comment period extended
desk-audit-comment-approved = Comment published by a moderator
desk-audit-comment-hidden = Comment hidden
desk-audit-comment-spam = Comment marked as spam
desk-audit-comment-restored = Moderation restored
desk-audit-comment-redacted = Moderation redacted
desk-audit-flags-dismissed = Reports on a comment dismissed
desk-audit-disposition-recorded = Disposition recorded
desk-audit-version-published = Version published
desk-audit-report-published = Disposition report published
desk-audit-draft-created = Draft created
desk-audit-draft-saved = Draft saved
desk-audit-draft-clause-saved = Draft clause saved
desk-audit-draft-front-saved = Draft front saved
desk-audit-draft-renumbered = Draft renumbered
desk-audit-draft-proposal-accepted = Draft proposal accepted
desk-audit-release-mode-changed = Release mode changed
desk-audit-decision-drafted = Decision drafted
desk-audit-decision-marked-ready = Decision marked ready
desk-audit-decision-approved = Decision approved
desk-audit-decision-withdrawn = Decision withdrawn
desk-audit-decision-released = Decision released
desk-audit-decision-not-needed = Decision not needed
desk-audit-office-domain-added = Office domain added
desk-audit-office-domain-removed = Office domain removed

# Moderation and redaction refusals: src/comments/moderation.rs and src/comments/redaction.rs.
desk-mod-err-publish-not-waiting = Only a comment that is waiting for review can be published.
desk-mod-err-never-verified = This comment was never verified by its author and is not shown; there is nothing to take down.
desk-mod-err-already-down = This comment has already been taken down.
desk-mod-err-restore-not-down = Only a hidden comment, or one marked as spam, can be restored.
desk-mod-err-no-flags = This comment has no open flags.
desk-mod-err-no-reason = Give the reason for this action: it is recorded, and the author is told.
desk-mod-err-reason-too-long = Keep the reason under { $max } characters.
desk-redact-err-not-published = Only a published comment can be redacted; a hidden one shows no text.
desk-redact-err-no-passage = Enter the passage to redact, exactly as it is written in the comment.
desk-redact-err-not-in-text = That passage is not in the comment's text. Copy it exactly from the text shown under “Text as stored”, including punctuation and line breaks.

# Election office domains: src/comments/offices.rs.
desk-office-err-not-a-domain = “{ $input }” is not a domain. Enter a domain such as lake-county.example.org, or a suffix starting with a dot such as .gov.
desk-office-err-no-office = Enter the name of the office the domain belongs to.
desk-office-err-office-too-long = The office's name is longer than { $max } characters.
desk-office-err-listed = { $domain } is listed already. Remove it first to give it another office.
desk-office-err-not-listed = That domain is not on the list (perhaps it was removed already).

# The integrity ledger: src/web/ledger.rs.
desk-ledger-no-key = This site has no ledger key, so its ledger checkpoints are not signed. The head of the ledger is still in /ledger.json and in the footer of every mail it sends.

# Account names.
desk-account-name-length = an account name has 1 to 64 characters
desk-account-name-characters = account name `{ $name }` may use only letters, digits, `.`, `_` and `-`
