//! Comment Markdown to HTML that is safe to show.
//!
//! Two lines of defence: the Markdown goes through the site's one parser
//! (`standard::markdown`), which turns raw HTML into text, and the result
//! goes through an `ammonia` allow-list, which drops anything else a parser
//! bug could let through. Links get `rel="nofollow ugc noopener"`; images
//! become links (no third-party requests); headings are moved below the
//! page's own (h4 and lower); `id` and `class` attributes are removed.
//!
//! [`SafeHtml`] is the only type a template may print with `|safe` for
//! user-supplied content, and it can only be made here.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use pulldown_cmark::{html, Event, HeadingLevel, Tag, TagEnd};

use crate::standard::markdown;

/// HTML that has been sanitised (or escaped) by this module.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// Render comment Markdown and sanitise the result.
    pub fn from_markdown(md: &str) -> SafeHtml {
        let mut raw = String::with_capacity(md.len() + md.len() / 4);
        html::push_html(&mut raw, demote(markdown::parser(md)));
        SafeHtml(cleaner().clean(&raw).to_string())
    }

    /// HTML made by Docket's own code (for example a redline of proposed
    /// text), sanitised all the same.
    pub fn clean(html: &str) -> SafeHtml {
        SafeHtml(cleaner().clean(html).to_string())
    }

    /// Plain text, escaped.
    pub fn text(text: &str) -> SafeHtml {
        SafeHtml(markdown::escape(text))
    }

    /// `comments.body_html` as stored: it was made by [`SafeHtml::from_markdown`]
    /// when the comment was written, and is never written any other way.
    pub fn from_stored(html: String) -> SafeHtml {
        SafeHtml(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Headings in comments start at h4; images become links to the image.
fn demote<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    events.map(|event| match event {
        Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
            level: lower(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        other => other,
    })
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 | HeadingLevel::H4 => {
            HeadingLevel::H4
        }
        HeadingLevel::H5 => HeadingLevel::H5,
        HeadingLevel::H6 => HeadingLevel::H6,
    }
}

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "a",
            "blockquote",
            "br",
            "code",
            "del",
            "em",
            "h4",
            "h5",
            "h6",
            "hr",
            "ins",
            "li",
            "ol",
            "p",
            "pre",
            "span",
            "strong",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "ul",
        ]
        .into_iter()
        .collect();
        let mut tag_attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
        tag_attributes.insert("a", ["href", "title"].into_iter().collect());
        tag_attributes.insert("ol", ["start"].into_iter().collect());
        tag_attributes.insert("th", ["align"].into_iter().collect());
        tag_attributes.insert("td", ["align"].into_iter().collect());
        let mut classes: HashMap<&str, HashSet<&str>> = HashMap::new();
        classes.insert("span", ["sr-only"].into_iter().collect());
        let mut b = ammonia::Builder::empty();
        b.tags(tags)
            .tag_attributes(tag_attributes)
            .allowed_classes(classes)
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(Some("nofollow ugc noopener"))
            .strip_comments(true);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text_and_links_are_marked() {
        let h = SafeHtml::from_markdown(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](https://example.org)",
        );
        assert!(!h.as_str().contains("<script"), "{h}");
        assert!(h.as_str().contains("&lt;script&gt;"), "{h}");
        assert!(!h.as_str().contains("javascript:"), "{h}");
        assert!(
            h.as_str()
                .contains("<a href=\"https://example.org\" rel=\"nofollow ugc noopener\">y</a>"),
            "{h}"
        );
    }

    #[test]
    fn headings_are_demoted_and_images_become_links() {
        let h = SafeHtml::from_markdown("# Big {#main}\n\n![a cat](https://example.org/cat.png)");
        assert!(h.as_str().starts_with("<h4>Big</h4>"), "{h}");
        assert!(!h.as_str().contains("<img"), "{h}");
        assert!(h.as_str().contains(">a cat</a>"), "{h}");
    }
}
