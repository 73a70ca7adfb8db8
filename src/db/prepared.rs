//! Statements whose text never changes, prepared once per connection, with their binds.

use super::*;

/// A statement whose text never changes: `head`, the bind parameters `binds` (a tuple of
/// [`bind`]s, written as `$1, $2, …` on PostgreSQL and `?, ?, …` on SQLite) and `tail`.
/// Diesel prepares it once per connection and then only binds and executes it; a
/// `diesel::sql_query` is parsed (and on PostgreSQL analysed and planned) at every call,
/// diesel being unable to know that its text is fixed, and so are diesel's inserts of rows
/// with optional columns and its updates. Only for fixed texts: each distinct text stays
/// prepared for the connection's life. Measured under the comment load: parsing, analysis
/// and planning took 15-17 % of PostgreSQL's CPU; on SQLite parsing took 8 % of the comment
/// writer's time.
pub struct Prepared<T> {
    /// The text before the parameters.
    pub head: &'static str,
    /// The parameters, in order.
    pub binds: T,
    /// The text after them.
    pub tail: &'static str,
}

/// One bind parameter of SQL type `ST` for [`Prepared`].
pub fn bind<ST, T>(value: T) -> diesel::dsl::AsExprOf<T, ST>
where
    ST: diesel::sql_types::SqlType + diesel::expression::TypedExpressionType,
    T: diesel::expression::AsExpression<ST>,
{
    value.as_expression()
}

impl<T> diesel::query_builder::QueryId for Prepared<T> {
    type QueryId = ();
    // Cached by its text and bind types, not by type.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<DB, T> diesel::query_builder::QueryFragment<DB> for Prepared<T>
where
    DB: diesel::backend::Backend,
    T: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        pass.push_sql(self.head);
        self.binds.walk_ast(pass.reborrow())?;
        pass.push_sql(self.tail);
        Ok(())
    }
}

impl<T, C> RunQueryDsl<C> for Prepared<T> {}

/// Two fragments of a [`Prepared`] statement's parameters written one after the other, with
/// no comma between them (a tuple writes one): parameters, text, more parameters.
pub struct Then<A, B>(pub A, pub B);
impl<DB, A, B> diesel::query_builder::QueryFragment<DB> for Then<A, B>
where
    DB: diesel::backend::Backend,
    A: diesel::query_builder::QueryFragment<DB>,
    B: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        mut pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        self.0.walk_ast(pass.reborrow())?;
        self.1.walk_ast(pass)
    }
}

/// A [`Prepared`] statement that returns rows of SQL type `ST` (a tuple of
/// `diesel::sql_types`), loaded with `.load` like any diesel query.
pub struct PreparedRows<T, ST> {
    /// The statement.
    pub query: Prepared<T>,
    /// The SQL types of its columns.
    pub columns: std::marker::PhantomData<ST>,
}
impl<T, ST> diesel::query_builder::QueryId for PreparedRows<T, ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}
impl<DB, T, ST> diesel::query_builder::QueryFragment<DB> for PreparedRows<T, ST>
where
    DB: diesel::backend::Backend,
    T: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(
        &'b self,
        pass: diesel::query_builder::AstPass<'_, 'b, DB>,
    ) -> diesel::QueryResult<()> {
        self.query.walk_ast(pass)
    }
}
impl<T, ST: diesel::sql_types::SqlType> diesel::query_builder::Query for PreparedRows<T, ST> {
    type SqlType = ST;
}
impl<T, ST, C> RunQueryDsl<C> for PreparedRows<T, ST> {}
