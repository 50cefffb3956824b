using System.Linq.Expressions;

namespace Lifecycle.Contacts.Segments;

/// <summary>
/// Combines predicate expressions by rewriting parameters (not Expression.Invoke), so EF Core translates the result
/// on every provider; values reach SQL as captured variables, i.e. parameters, keeping the query cache small.
/// </summary>
public static class Predicates
{
    public static Expression<Func<T, bool>> True<T>() => _ => true;

    public static Expression<Func<T, bool>> False<T>() => _ => false;

    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    public static Expression<Func<T, bool>> Or<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    public static Expression<Func<T, bool>> AllOf<T>(IEnumerable<Expression<Func<T, bool>>> predicates) =>
        predicates.Aggregate((Expression<Func<T, bool>>?)null, (all, next) => all is null ? next : all.And(next)) ?? True<T>();

    public static Expression<Func<T, bool>> AnyOf<T>(IEnumerable<Expression<Func<T, bool>>> predicates) =>
        predicates.Aggregate((Expression<Func<T, bool>>?)null, (any, next) => any is null ? next : any.Or(next)) ?? False<T>();

    /// <summary>Applies <paramref name="test"/> to what <paramref name="selector"/> picks: (c => c.X) + (x => x > 3) = c => c.X > 3.</summary>
    public static Expression<Func<T, bool>> Where<T, TValue>(this Expression<Func<T, TValue>> selector, Expression<Func<TValue, bool>> test) =>
        Expression.Lambda<Func<T, bool>>(Replace(test.Body, test.Parameters[0], selector.Body), selector.Parameters);

    /// <summary>Fills a template's second parameter with a predicate on its first: (c, m) => new Row(c.Id, m) + (c => c.X > 3).</summary>
    public static Expression<Func<T, TResult>> Bind<T, TResult>(Expression<Func<T, bool, TResult>> template, Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, TResult>>(
            Replace(template.Body, template.Parameters[1], Replace(predicate.Body, predicate.Parameters[0], template.Parameters[0])),
            template.Parameters[0]);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right, Func<Expression, Expression, BinaryExpression> join) =>
        Expression.Lambda<Func<T, bool>>(join(left.Body, Replace(right.Body, right.Parameters[0], left.Parameters[0])), left.Parameters);

    private static Expression Replace(Expression body, ParameterExpression from, Expression to) => new Replacer(from, to).Visit(body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
