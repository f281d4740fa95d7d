//! Resuming a bulk download: once a whole copy of a version's comments has
//! been sent, a range of it comes back `206` with exactly those bytes (the
//! rows are streamed again, across chunks); a range past the end is `416`;
//! a range whose `If-Range` names an older copy, or a copy the server has
//! not sent whole, gets the whole download.

use actix_web::http::{header, StatusCode};
use actix_web::test;
use chrono::Utc;
use docket::comments::seed::Seeder;

use crate::comments::{app, Site};
use crate::support::header_of;

const CSV: &str = "/standards/ballots/2/comments.csv";

async fn fetch<S, B>(
    svc: &S,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, header::HeaderMap, Vec<u8>)
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let mut req = test::TestRequest::get().uri(CSV);
    for (name, value) in headers {
        req = req.insert_header((name.clone(), *value));
    }
    let resp = test::call_service(svc, req.to_request()).await;
    let status = resp.status();
    let headers = resp.headers().clone();
    (status, headers, test::read_body(resp).await.to_vec())
}

#[actix_web::test]
async fn a_download_resumes_by_range_and_only_from_the_same_copy() {
    let site = Site::ballots();
    let svc = app!(site);
    let mut seeder =
        Seeder::new(&mut site.conn(), "ballots", "2", "http://127.0.0.1:8080").unwrap();
    let keys = vec![Some("custody".to_string()), None];
    let now = Utc::now().naive_utc();
    seeder.batch(&mut site.conn(), &keys, 1200, now).unwrap();

    // Before any whole copy was sent, a range gets the whole download.
    let (status, headers, first) = fetch(&svc, &[(header::RANGE, "bytes=0-9")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header_of(&headers, header::ACCEPT_RANGES), "bytes");
    let etag = header_of(&headers, header::ETAG);
    assert!(
        etag.starts_with('"'),
        "a strong ETag for the plain download: {etag}"
    );
    let whole = first;
    assert!(
        whole.len() > 100_000,
        "a download of many chunks: {}",
        whole.len()
    );
    let length = whole.len();

    // A range in the middle, across chunk boundaries.
    let (status, headers, part) = fetch(
        &svc,
        &[
            (header::RANGE, "bytes=1000-90000"),
            (header::IF_RANGE, &etag),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        header_of(&headers, header::CONTENT_RANGE),
        format!("bytes 1000-90000/{length}")
    );
    assert_eq!(part, whole[1000..=90000]);

    // The rest from an offset, and the last bytes.
    let (status, _, tail) = fetch(&svc, &[(header::RANGE, "bytes=50000-")]).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(tail, whole[50000..]);
    let (status, _, last) = fetch(&svc, &[(header::RANGE, "bytes=-300")]).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(last, whole[length - 300..]);

    // Past the end.
    let past = format!("bytes={length}-");
    let (status, headers, _) = fetch(&svc, &[(header::RANGE, &past)]).await;
    assert_eq!(status, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        header_of(&headers, header::CONTENT_RANGE),
        format!("bytes */{length}")
    );

    // Another copy named in If-Range, or several ranges: the whole download.
    let (status, _, body) = fetch(
        &svc,
        &[
            (header::RANGE, "bytes=10-20"),
            (header::IF_RANGE, "\"another\""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, whole);
    let (status, _, _) = fetch(&svc, &[(header::RANGE, "bytes=0-1,5-6")]).await;
    assert_eq!(status, StatusCode::OK);

    // New comments make a new copy: the old ETag no longer resumes.
    seeder.batch(&mut site.conn(), &keys, 5, now).unwrap();
    let (status, headers, body) = fetch(
        &svc,
        &[
            (header::RANGE, "bytes=1000-2000"),
            (header::IF_RANGE, &etag),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "a changed download is sent whole");
    assert_ne!(header_of(&headers, header::ETAG), etag);
    assert!(body.len() > length);

    // The gzip stream has a weak ETag and is not resumed by range.
    let (status, headers, _) = fetch(&svc, &[(header::ACCEPT_ENCODING, "gzip")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(header_of(&headers, header::ETAG).starts_with("W/"));
    assert!(header_of(&headers, header::ACCEPT_RANGES).is_empty());
}
