//! Queries assembled at run time, with their placeholders numbered for both databases.
//!
//! sqlx's `QueryBuilder<Any>` writes `?` placeholders, which PostgreSQL refuses (sqlx issue
//! 3000); this writes `$1, $2, …`, which SQLite and PostgreSQL both take.
//!
//! ```ignore
//! let mut q = Sql::new("SELECT id FROM reviews WHERE product_id = ");
//! q.bind(product_id).push(" AND rating = ").bind(5);
//! ```

use sqlx::any::AnyArguments;
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::Any;

/// A value bound to a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    I(i64),
    S(String),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::I(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::S(v.to_owned())
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::S(v)
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::S(v.clone())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Sql {
    text: String,
    args: Vec<Arg>,
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql { text: text.to_owned(), args: Vec::new() }
    }

    pub fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    /// Writes the next placeholder and binds `value` to it.
    pub fn bind(&mut self, value: impl Into<Arg>) -> &mut Sql {
        self.args.push(value.into());
        self.text.push('$');
        self.text.push_str(&self.args.len().to_string());
        self
    }

    /// `$n, $n+1, …` for every value (an `IN (…)` list).
    pub fn bind_list<T: Into<Arg>>(&mut self, values: impl IntoIterator<Item = T>) -> &mut Sql {
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(", ");
            }
            self.bind(v);
        }
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        let mut q = sqlx::query(&self.text);
        for a in &self.args {
            q = match a {
                Arg::I(i) => q.bind(*i),
                Arg::S(s) => q.bind(s.as_str()),
            };
        }
        q
    }

    pub fn query_as<T>(&self) -> QueryAs<'_, Any, T, AnyArguments<'_>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as(&self.text);
        for a in &self.args {
            q = match a {
                Arg::I(i) => q.bind(*i),
                Arg::S(s) => q.bind(s.as_str()),
            };
        }
        q
    }

    pub fn query_scalar<T>(&self) -> QueryScalar<'_, Any, T, AnyArguments<'_>>
    where
        (T,): for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_scalar(&self.text);
        for a in &self.args {
            q = match a {
                Arg::I(i) => q.bind(*i),
                Arg::S(s) => q.bind(s.as_str()),
            };
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_in_order() {
        let mut q = Sql::new("SELECT 1 FROM t WHERE a = ");
        q.bind("x").push(" AND b IN (").bind_list([1i64, 2, 3]).push(") LIMIT ").bind(10);
        assert_eq!(q.text(), "SELECT 1 FROM t WHERE a = $1 AND b IN ($2, $3, $4) LIMIT $5");
        assert_eq!(q.args, vec![Arg::S("x".into()), Arg::I(1), Arg::I(2), Arg::I(3), Arg::I(10)]);
    }
}
