//! Query pieces every area shares.

use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};

pub(crate) fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// `column` contains `words`, ignoring case on both engines (PostgreSQL's LIKE heeds case).
pub(crate) fn contains(column: impl sea_orm::sea_query::IntoColumnRef, words: &str) -> Expr {
    use sea_orm::sea_query::Func;
    let pattern = format!("%{}%", escape_like(&words.trim().to_lowercase()));
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}
