using System.Text.Json.Nodes;
using Orchestrator.Workflows.Expressions;

namespace Orchestrator.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private static readonly JsonObject Variables = new()
    {
        ["age"] = 54,
        ["person"] = new JsonObject { ["alias"] = "M. K.", ["rights"] = new JsonArray("AME", "CSS") },
        ["stay"] = "P2M",
    };

    [Theory]
    [InlineData("${age >= 18}", true)]
    [InlineData("${person.rights.includes('AME')}", true)]
    [InlineData("${person.alias === 'X'}", false)]
    public void Conditions_read_the_instance_variables(string expression, bool expected) =>
        Assert.Equal(expected, ExpressionEvaluator.EvaluateCondition(expression, Variables));

    [Fact]
    public void Text_with_embedded_placeholders_is_interpolated() =>
        Assert.Equal("séjour P2M pour M. K.", ExpressionEvaluator.Evaluate("séjour ${stay} pour ${person.alias}", Variables));

    [Theory]
    [InlineData("${while(true){}}")]
    [InlineData("${(function f(){ return f(); })()}")]
    [InlineData("${new Array(100000000).fill('x').join('')}")]
    public void Runaway_expressions_are_stopped_by_the_sandbox(string expression)
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(expression, Variables));
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Theory]
    [InlineData("${System.IO.File.ReadAllText('/etc/passwd')}")]
    [InlineData("${importNamespace('System')}")]
    public void Expressions_have_no_access_to_the_host(string expression) =>
        Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(expression, Variables));

    [Fact]
    public void Syntax_errors_are_reported_by_the_check() => Assert.NotNull(ExpressionEvaluator.Check("${age >}"));
}
