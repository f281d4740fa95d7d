# errors
# Error pages: titles and standard messages.
err-not-found-title = Page not found
err-not-found = There is no page at this address. It may have been mistyped, or the standard or version may not exist.
err-bad-request-title = The request could not be processed
err-forbidden-title = Not allowed
err-sign-in-title = Sign-in required
err-sign-in = This page is for signed-in staff. Sign in at /staff/login.
err-too-many-title = Too many requests
err-too-many = You have sent more than this site accepts from one address in a short time. Nothing was saved from this request; please wait { $wait } and try again.
err-too-large-title = Too much text
err-too-large = What you sent is larger than this site accepts ({ $kib } KiB). Nothing was saved; please shorten it and send it again.
err-internal-title = Something went wrong
err-internal = The server could not complete this request. Please try again in a moment.
err-not-saved-title = Not saved
err-not-saved = What you sent was not saved: the server could not store it just now. Keep a copy of your text, and send it again in a little while.
err-wait-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
  }
err-wait-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
  }

# error.html
error-status = Error { $status }.
error-home = Go to the list of standards

# Forms and addresses that cannot be read.
err-form-not-form = The form was not sent as a web form (application/x-www-form-urlencoded).
err-form-unreadable = The form could not be read: { $problem }. Go back, check the fields and send it again.
err-form-not-utf8 = The form could not be read: the field “{ $field }” contains bytes that are not valid UTF-8 text, so nothing was saved. Copy your text into the form again from a program that saves Unicode, and send it again.
err-query-unreadable = The part of this address after “?” could not be understood. Check the link, or open the page without it.
err-other-site = This form was sent from a page of another website, so it was refused and nothing was saved. To use this site, open it directly, reload the page and send the form from there.
err-csrf-missing = This form was sent without its security token, so it was not accepted and nothing was saved. Go back, reload the page and send the form again. Your browser must accept cookies from this site.
err-csrf-mismatch = This form's security token does not match, so it was not accepted and nothing was saved. The page may be old or opened in another browser: go back, reload the page and send the form again.

# Comparisons and the disposition report.
err-compare-view = There is no view called “{ $view }”. Choose inline, side, changes or summary.
err-compare-range = “{ $range }” does not name two versions. Write FROM...TO with three dots, for example 1...2.
err-compare-pick = Choose two versions to compare: one in “From” and one in “To”.
err-compare-label = That is not a version of this standard. Choose versions from the lists.
err-report-cursor = Ask for the page after a comment or before one, not both.
err-report-office = The office filter is yes or no.
