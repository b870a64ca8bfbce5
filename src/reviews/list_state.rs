//! The review list's state and transitions, pure so they are tested natively.

use retainkit_contract::reviews::{RatingSummary, Review, ReviewPage, ReviewSort};
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// The first page is on its way (a skeleton keeps the height).
    Loading,
    Ready,
    /// "Show more" is on its way.
    LoadingMore,
    Failed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListState {
    pub sort: ReviewSort,
    /// Only reviews with this many stars.
    pub rating: Option<u8>,
    pub summary: Option<RatingSummary>,
    pub items: Vec<Review>,
    pub next_cursor: Option<String>,
    pub load: Load,
    /// Bumped on every new query, so answers to an older one are ignored.
    pub query: u32,
    /// The product the list shows; an answer about another one is ignored.
    pub product: String,
}

impl Default for ListState {
    fn default() -> Self {
        ListState {
            sort: ReviewSort::Newest,
            rating: None,
            summary: None,
            items: Vec::new(),
            next_cursor: None,
            load: Load::Loading,
            query: 0,
            product: String::new(),
        }
    }
}

pub enum ListAction {
    Sort(ReviewSort),
    /// Toggles the star filter: the same bar again shows everything.
    Filter(u8),
    ClearFilter,
    Retry,
    More,
    /// The list is for this product now (the first page is asked for).
    Product(String),
    /// A page arrived for query number `query` about `product`; `append` for "show more".
    /// At most `limit` reviews of it are kept, whatever the backend sent.
    Page {
        query: u32,
        product: String,
        page: ReviewPage,
        append: bool,
        limit: usize,
    },
    Failed {
        query: u32,
    },
    Voted {
        review_id: i64,
        helpful_count: u64,
    },
}

impl ListState {
    /// The list query for the state's sort and filter (without cursor).
    pub fn path(&self, product_id: &str, page_size: u8) -> String {
        let mut p = String::from("/v1/products/");
        p.push_str(product_id);
        p.push_str("/reviews?sort=");
        p.push_str(match self.sort {
            ReviewSort::Newest => "newest",
            ReviewSort::Highest => "highest",
            ReviewSort::Lowest => "lowest",
            ReviewSort::Helpful => "helpful",
            ReviewSort::WithPhotos => "with_photos",
        });
        if let Some(r) = self.rating {
            p.push_str("&rating=");
            p.push_str(&crate::dom::num::int(r as i64));
        }
        p.push_str("&limit=");
        p.push_str(&crate::dom::num::int(page_size as i64));
        p
    }
}

impl Reducible for ListState {
    type Action = ListAction;

    fn reduce(self: Rc<Self>, action: ListAction) -> Rc<Self> {
        let mut s = (*self).clone();
        let restart = |s: &mut ListState| {
            s.query += 1;
            s.items.clear();
            s.next_cursor = None;
            s.load = Load::Loading;
        };
        match action {
            ListAction::Sort(sort) => {
                if sort == s.sort {
                    return self;
                }
                s.sort = sort;
                restart(&mut s);
            }
            ListAction::Filter(r) => {
                s.rating = if s.rating == Some(r) { None } else { Some(r) };
                restart(&mut s);
            }
            ListAction::ClearFilter => {
                if s.rating.is_none() {
                    return self;
                }
                s.rating = None;
                restart(&mut s);
            }
            ListAction::Retry => restart(&mut s),
            ListAction::More => {
                if s.next_cursor.is_none() || s.load != Load::Ready {
                    return self;
                }
                s.load = Load::LoadingMore;
            }
            ListAction::Product(product) => {
                if product == s.product {
                    return self;
                }
                s.product = product;
                s.items.clear();
                s.summary = None;
                s.next_cursor = None;
                s.load = Load::Loading;
            }
            ListAction::Page { query, product, mut page, append, limit } => {
                if query != s.query || product != s.product {
                    return self;
                }
                page.items.truncate(limit);
                if append {
                    s.items.extend(page.items);
                } else {
                    s.items = page.items;
                }
                s.summary = Some(page.summary);
                s.next_cursor = page.next_cursor;
                s.load = Load::Ready;
            }
            ListAction::Failed { query } => {
                if query != s.query {
                    return self;
                }
                s.load = if s.items.is_empty() { Load::Failed } else { Load::Ready };
            }
            ListAction::Voted { review_id, helpful_count } => {
                for r in s.items.iter_mut().filter(|r| r.id == review_id) {
                    r.helpful_count = helpful_count;
                }
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(id: i64, rating: u8) -> Review {
        Review {
            id,
            product_id: "p".into(),
            rating,
            title: None,
            body: "b".into(),
            author_name: "a".into(),
            verified: false,
            photos: vec![],
            helpful_count: 0,
            reply: None,
            locale: None,
            created_at: 0,
        }
    }

    fn page(ids: &[i64], next: Option<&str>) -> ReviewPage {
        ReviewPage {
            summary: RatingSummary::from_histogram("p", [0, 0, 0, 0, ids.len() as u64]),
            items: ids.iter().map(|i| review(*i, 5)).collect(),
            next_cursor: next.map(str::to_owned),
        }
    }

    fn run(actions: Vec<ListAction>) -> ListState {
        let mut s = Rc::new(ListState::default());
        for a in actions {
            s = s.reduce(a);
        }
        (*s).clone()
    }

    #[test]
    fn pages_append_and_stale_answers_are_ignored() {
        let s = run(vec![
            ListAction::Page { query: 0, product: String::new(), page: page(&[1, 2], Some("c1")), append: false, limit: 10 },
            ListAction::More,
            ListAction::Page { query: 0, product: String::new(), page: page(&[3], None), append: true, limit: 10 },
        ]);
        assert_eq!(s.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!((s.next_cursor, s.load), (None, Load::Ready));
        // A filter starts a new query; the old query's late answer changes nothing.
        let s = run(vec![
            ListAction::Filter(5),
            ListAction::Page { query: 0, product: String::new(), page: page(&[9], None), append: false, limit: 10 },
        ]);
        assert_eq!((s.rating, s.load.clone(), s.items.len()), (Some(5), Load::Loading, 0));
    }

    #[test]
    fn filter_toggles_and_paths() {
        let s = run(vec![ListAction::Filter(4)]);
        assert_eq!(s.path("batik", 10), "/v1/products/batik/reviews?sort=newest&rating=4&limit=10");
        let s = run(vec![ListAction::Filter(4), ListAction::Filter(4)]);
        assert_eq!(s.rating, None);
        let s = run(vec![ListAction::Sort(ReviewSort::WithPhotos)]);
        assert_eq!(s.path("batik", 5), "/v1/products/batik/reviews?sort=with_photos&limit=5");
    }

    #[test]
    fn failures_and_votes() {
        let s = run(vec![ListAction::Failed { query: 0 }]);
        assert_eq!(s.load, Load::Failed);
        let s = run(vec![
            ListAction::Page { query: 0, product: String::new(), page: page(&[1], Some("c")), append: false, limit: 10 },
            ListAction::More,
            ListAction::Failed { query: 0 },
            ListAction::Voted { review_id: 1, helpful_count: 3 },
        ]);
        assert_eq!((s.load, s.items[0].helpful_count), (Load::Ready, 3));
    }

    #[test]
    fn a_backend_that_ignores_limit_is_bounded() {
        let many: Vec<i64> = (1..=100_000).collect();
        let s = run(vec![ListAction::Page { query: 0, product: String::new(), page: page(&many, Some("c")), append: false, limit: 10 }]);
        assert_eq!(s.items.len(), 10);
        let s = run(vec![
            ListAction::Page { query: 0, product: String::new(), page: page(&[1, 2], Some("c")), append: false, limit: 10 },
            ListAction::More,
            ListAction::Page { query: 0, product: String::new(), page: page(&many, None), append: true, limit: 10 },
        ]);
        assert_eq!(s.items.len(), 12);
    }

    #[test]
    fn an_answer_about_the_previous_product_is_ignored() {
        let s = run(vec![
            ListAction::Product("a".into()),
            ListAction::Product("b".into()),
            ListAction::Page { query: 0, product: "a".into(), page: page(&[1], None), append: false, limit: 10 },
        ]);
        assert_eq!((s.items.len(), &s.load), (0, &Load::Loading));
        let s = run(vec![
            ListAction::Product("b".into()),
            ListAction::Page { query: 0, product: "b".into(), page: page(&[1], None), append: false, limit: 10 },
        ]);
        assert_eq!((s.items.len(), &s.load), (1, &Load::Ready));
    }
}
