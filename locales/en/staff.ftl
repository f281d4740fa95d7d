# staff

# Shared by the staff pages.
staff-error-title = Error: { $title }
staff-signed-in-as = Signed in as { $name }.
staff-home-link = Staff home
staff-audit-link = The audit log
staff-nothing-changed = Nothing was changed
staff-account-name = Account name
staff-password = Password
staff-role = Role

# staff/login.html and the sign-in refusals
staff-login-title = Staff sign-in
staff-login-intro = For editors, moderators and administrators. Members of the public do not need an account to read or comment.
staff-sign-in = Sign in
staff-login-bad-credentials = The account name or password is not correct. Check both and try again.
staff-login-disabled = This account is disabled. Ask an administrator to enable it.
staff-login-throttled = Too many failed sign-in attempts from your address, for this account or in all. Sign-in from here is paused; try again in { $wait }.

# staff/home.html and its task links
staff-home-title = Staff
staff-home-signed-in-as = Signed in as
staff-home-tasks = Staff tasks
staff-sign-out = Sign out
staff-task-moderation = Moderation queue
staff-task-periods = Comment periods
staff-task-feedback = Feedback, dispositions and drafts
staff-task-accounts = Staff accounts
staff-task-audit = Audit log
staff-task-offices = Election office domains
staff-task-password = Change your password
staff-role-name = { $role ->
    [admin] Administrator
    [editor] Editor
   *[moderator] Moderator
}

# staff/accounts.html and src/web/accounts.rs
staff-accounts-title = Staff accounts
staff-accounts-password-for = Password for
staff-accounts-shown-once = It is shown only now. Give it to its owner in person or by another safe channel; they can change it at
staff-accounts-intro = Administrators manage accounts; editors run comment periods and dispositions; moderators review comments. A disabled account cannot sign in and is signed out at once.
staff-accounts-caption = All staff accounts
staff-accounts-col-account = Account
staff-accounts-col-status = Status
staff-accounts-col-created = Created
staff-accounts-col-change = Change
staff-accounts-you = (you)
staff-accounts-disabled-state = Disabled
staff-accounts-enabled-state = Enabled
staff-accounts-role-of = Role of { $name }
staff-accounts-change-role = Change role
staff-accounts-of = of { $name }
staff-accounts-enable = Enable
staff-accounts-disable = Disable
staff-accounts-new-password-for = New password for { $name } (empty: generate one)
staff-accounts-reset = Reset password
staff-accounts-add-title = Add an account
staff-accounts-name-hint = Letters, digits, “.”, “_” and “-”; stored in lower case.
staff-accounts-choose-a-role = Choose a role
staff-accounts-password-optional = Password (optional)
staff-accounts-password-hint = At least { $min } characters. Leave empty to generate one, shown once after the account is created.
staff-accounts-add = Add the account
staff-accounts-choose-role = Choose a role: administrator, editor or moderator.
staff-accounts-unknown-role = Unknown role “{ $role }”: choose administrator, editor or moderator.
staff-accounts-enter-name = Enter a name for the new account.
staff-accounts-created = Account “{ $name }” created with the role { $role ->
    [admin] administrator
    [editor] editor
   *[moderator] moderator
}.
staff-accounts-role-set = “{ $name }” is now { $role ->
    [admin] an administrator
    [editor] an editor
   *[moderator] a moderator
}.
staff-accounts-disabled = “{ $name }” is disabled and signed out.
staff-accounts-enabled = “{ $name }” is enabled.
staff-accounts-password-reset = The password of “{ $name }” is changed and its sessions are signed out.
staff-accounts-choose-action = Choose what to change: role, disable, enable or reset password.
staff-accounts-unknown-action = Unknown action “{ $action }”: choose role, disable, enable or reset.

# staff/password.html
staff-password-title = Change your password
staff-password-not-changed = Your password was not changed
staff-password-done = Your password is changed. Any other browser signed in to your account has been signed out.
staff-password-current = Current password
staff-password-new = New password
staff-password-new-hint = At least { $min } characters. A few unrelated words make a good one.
staff-password-again = New password again
staff-password-submit = Change password
staff-password-enter-current = Enter your current password.

# staff/audit.html and src/web/audit.rs
staff-audit-intro = Every staff action, newest first, with who did it and when (UTC). Events marked public are also listed on their version's changelog.
staff-audit-show = Show
staff-audit-all-actions = All actions
staff-audit-filter = Filter
staff-audit-events = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
staff-audit-page-of = ; page { $page } of { $pages }
staff-audit-no-events = No events.
staff-audit-caption = Audit events, newest first
staff-audit-caption-one-kind = Audit events of one kind, newest first
staff-audit-col-when = When (UTC)
staff-audit-col-who = Who
staff-audit-col-action = Action
staff-audit-col-on = On
staff-audit-col-detail = Detail
staff-audit-col-public = Public
staff-yes = Yes
staff-no = No
staff-audit-pages = Pages of the audit log
staff-audit-newer = Newer events
staff-audit-older = Older events
staff-audit-bad-page = “{ $page }” is not a page number; use 1, 2, 3 and so on.
staff-audit-unknown-action = There are no “{ $action }” events in the audit log; choose an action from the list.

# staff/offices.html and src/web/offices.rs
staff-offices-intro-shown = A commenter who confirms a comment from an address on a listed domain is shown as
staff-offices-intro-label = Election office:
staff-offices-intro-name = name
staff-offices-intro-rest = with a badge naming the domain the address was confirmed on (never the address). The office is fixed on the comment when it is confirmed: changing or removing an entry here never changes comments already made.
staff-offices-named-a = A
staff-offices-named-b = named domain
staff-offices-named-c = matches addresses on exactly that domain. A
staff-offices-suffix-b = suffix
staff-offices-suffix-c = starting with a dot
staff-offices-suffix-d = matches every domain ending with it; give it a generic name (“Government office”), since it cannot tell one office from another. A named domain wins over a suffix.
staff-offices-none = No domains are listed yet.
staff-offices-caption = Domains recognised as election offices
staff-offices-col-domain = Domain
staff-offices-col-office = Office
staff-offices-col-added = Added
staff-offices-remove = Remove
staff-offices-add-title = Add a domain
staff-offices-domain-label = Domain (for example lake-county.example.org, or .gov)
staff-offices-office-label = Office it belongs to
staff-offices-add = Add the domain
staff-offices-added = { $domain } added to the list.
staff-offices-removed = { $domain } removed from the list. Comments already shown from its office keep their badge.

# staff/period.html and src/web/periods.rs
staff-period-title = Comment period — { $standard }, version { $version }
staff-period-heading = Comment period: { $standard }, version { $version }
staff-period-all = All comment periods
staff-period-public-page = The public page
staff-period-changelog = Changelog
staff-period-welcome-now = (comments welcome now)
staff-period-opens = Opens
staff-period-closes = Closes
staff-period-subscribers = Subscribers
staff-period-confirmed = { $count } confirmed
staff-period-tz = Times are in the standard's time zone,
staff-period-every-change = Every change is listed on the version's public changelog and mailed to subscribers.
staff-period-extend-title = Extend the period
staff-period-new-closing = New closing date and time ({ $tz })
staff-period-new-closing-hint = Later than the current closing time, for example 2026-12-31 17:00.
staff-period-extend = Extend the comment period
staff-period-close-title = Close the period now
staff-period-close-text = Comments stop being accepted at once. Comments already sent are kept.
staff-period-close = Close the comment period now
staff-period-set-new = Set a new period
staff-period-open-title = Open the period
staff-period-opening = Opening date and time ({ $tz }, optional)
staff-period-opening-hint = Leave empty to open now.
staff-period-closing = Closing date and time ({ $tz })
staff-period-closing-hint = In the future, for example 2026-12-31 17:00.
staff-period-open = Open the comment period
staff-period-not-set = not set
staff-period-choose-action = Choose what to do: open, close or extend the comment period.
staff-period-unknown-action = Unknown action “{ $action }”: choose open, close or extend.
staff-period-told = { $count ->
    [one] { $count } subscriber will be told by email.
   *[other] { $count } subscribers will be told by email.
}

# staff/periods.html
staff-periods-intro = Open, close or extend the comment period of a published version. Subscribers to the standard are told by email.
staff-periods-none = No version has been published yet.
staff-periods-caption = Published versions, newest first within each standard
staff-periods-col-version = Standard and version
staff-periods-col-period = Comment period
staff-periods-version = { $standard }, version { $version }
staff-periods-open-now = (open now)
staff-periods-change = Change the period
staff-periods-of-version = of { $standard }, version { $version }

# comments/moderation.html, comments/moderate.html and the moderation handlers
staff-mod-intro-a = Comments waiting for review, and published comments the public reported. Every action is recorded in the public
staff-mod-ledger = integrity ledger
staff-mod-intro-b = with your name. A hidden comment leaves a note with your reason in its thread; its replies stay, and its author is emailed the reason. Hiding, restoring and redacting can also be done from the comment’s own page.
staff-mod-empty = The queue is empty.
staff-mod-waiting = Waiting for review
staff-mod-reported = { $count ->
    [one] Reported { $count } time
   *[other] Reported { $count } times
}
staff-mod-on = On
staff-mod-reasons = Reasons given
staff-mod-publish = Publish
staff-mod-keep = Keep as is
staff-mod-clear-reports = and clear the reports
staff-mod-hide-reason = Public reason for hiding { $tracking }
staff-mod-hide = Hide with this reason
staff-mod-why-spam = Why { $tracking } is spam
staff-mod-spam-hint = (recorded in the ledger; nobody is emailed)
staff-mod-spam = Mark as spam
staff-mod-hide-legend = Hide comment { $tracking }, or mark it as spam
staff-mod-reason = Reason
staff-mod-reason-hint = (required; to hide, it is shown in place of the comment and emailed to its author; for spam, it is recorded in the ledger and nobody is emailed)
staff-mod-restore-legend = Restore comment { $tracking }
staff-mod-restore-reason = Reason for restoring it
staff-mod-restore-hint = (required; recorded in the ledger and emailed to its author)
staff-mod-restore = Restore: show it again
staff-mod-panel = Moderation
staff-mod-panel-hint = (only moderators and admins see this)
staff-mod-status = Status:
staff-mod-reason-shown = Reason shown: { $reason }
staff-mod-text-stored = Text as stored
staff-mod-markdown-source = Its Markdown source
staff-mod-redact-legend = Redact part of comment { $tracking }
staff-mod-redact-a = Every place the passage occurs is replaced by
staff-mod-redact-b = wherever the comment is shown. The text before is kept here for staff, the ledger records its SHA-256, and the author is emailed.
staff-mod-passage = Passage to redact
staff-mod-passage-hint = (exactly as in the Markdown source above)
staff-mod-redact-reason-hint = (required; shown in place of the passage)
staff-mod-redact = Redact this passage
staff-mod-from-comment = from comment { $tracking }
staff-mod-redactions = Redactions (staff only)
staff-mod-redaction-at = { $at } UTC, ledger entry { $seq }.
staff-mod-redaction-reason = Reason: { $reason }
staff-mod-passage-label = Passage:
staff-mod-text-before = The text before this redaction
staff-mod-done = Comment { $tracking } { $done ->
    [hidden] hidden; its author has been emailed the reason
    [spam] marked as spam; its author is not emailed
    [restored] restored; its author has been emailed the reason
   *[redacted] redacted; its author has been emailed the reason
}.
staff-mod-queue-done = Comment { $tracking } { $action ->
    [publish] published
    [hide] hidden
    [spam] marked as spam
    [dismiss] kept, and its reports cleared
   *[restore] restored: it is waiting for review again
}.
staff-mod-unknown-queue-action = Unknown moderation action “{ $action }”: choose publish, hide, spam or keep.
staff-mod-unknown-action = Unknown moderation action “{ $action }”: choose hide, spam or restore.
