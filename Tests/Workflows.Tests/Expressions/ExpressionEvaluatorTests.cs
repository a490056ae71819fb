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
    // Only the variables a condition names are handed to the engine; one it reaches otherwise still finds them all.
    [InlineData("${globalThis['ag' + 'e'] >= 18}", true)]
    [InlineData("${this.stay === 'P2M'}", true)]
    [InlineData("${(({ alias }) => alias)(person) === 'M. K.'}", true)]
    public void Conditions_read_the_instance_variables(string expression, bool expected) =>
        Assert.Equal(expected, ExpressionEvaluator.EvaluateCondition(expression, Variables));

    [Theory]
    [InlineData("${new Boolean(false)}", "it yields an object, not true or false")]
    [InlineData("${person.rights}", "it yields a list, not true or false")]
    [InlineData("${person}", "it yields an object, not true or false")]
    [InlineData("${new Date(Date.UTC(2027, 0, 5))}", "it yields the date 2027-01-05T00:00:00Z, not true or false")]
    public void A_condition_yielding_anything_but_a_boolean_says_what_it_yields_in_the_author_s_terms(string condition, string reason)
    {
        var error = Assert.Throws<ExpressionException>(() => ConditionExpression.Evaluate(condition, Variables));

        Assert.Contains(reason, error.Reason);
        Assert.DoesNotContain("Json", error.Reason);
    }

    private static readonly JsonObject Answers = new()
    {
        ["urgent"] = "non",
        ["needsCare"] = true,
        ["score"] = null,
        ["empty"] = "",
        ["visits"] = new JsonArray(1, 2),
        ["meeting"] = "2026-04-01",
        ["age"] = 54,
    };

    [Theory]
    [InlineData("${urgent && needsCare}", "urgent is the text 'non', not true or false: compare it (urgent === '…')")] // JavaScript: needsCare, true
    [InlineData("${needsCare && urgent}", "urgent is the text 'non', not true or false")]
    [InlineData("${!urgent}", "urgent is the text 'non', not true or false")] // JavaScript: false
    [InlineData("${urgent ? needsCare : false}", "urgent is the text 'non', not true or false")]
    [InlineData("${(age > 60 || urgent) === true}", "urgent is the text 'non'")]
    [InlineData("${score < 10}", "score < 10 compares nothing (null) with the number 10")] // JavaScript: 0 < 10, true
    [InlineData("${empty < 10}", "compares the text '' with the number 10")]
    [InlineData("${visits >= 0}", "compares a list with the number 0")]
    [InlineData("${meeting <= new Date(2027, 0, 1)}", "compares the text '2026-04-01' with a date: only two numbers, two texts or two dates are compared (a date written as text is read with Date.parse(…) or new Date(…))")] // JavaScript: NaN, false both ways
    [InlineData("${Date.parse('le 3 mars') < 3}", "compares not a number (NaN) with the number 3")]
    [InlineData("${urgent != false}", "urgent != false compares the text 'non' with false")] // JavaScript: 'non' is NaN, so true
    [InlineData("${age == '54'}", "compares the number 54 with the text '54'")]
    [InlineData("${new Date(meeting) == new Date(meeting)}", "compares two dates as objects")] // JavaScript: false, always
    [InlineData("${score - 10 < 0}", "score is nothing (null), not a number")] // JavaScript: -10 < 0, true
    [InlineData("${-score > -5}", "score is nothing (null), not a number")]
    [InlineData("${empty * 2 < 1}", "empty is the text '', not a number: read a text that holds a number with Number(…), once it is known not to be empty")]
    [InlineData("${score + 5 > 10}", "score is nothing (null)")] // JavaScript: 5 > 10
    [InlineData("${new Date(score) < Date.now()}", "score is nothing (null)")] // JavaScript: 1 January 1970, long overdue
    [InlineData("${visits.every(v => v)}", "v is the number 1, not true or false")]
    [InlineData("${+empty < 10}", "empty is the text '', not a number")] // JavaScript: 0 < 10
    [InlineData("${+score < 10}", "score is nothing (null), not a number")]
    [InlineData("${Number(score) < 10}", "score is nothing (null), not a number")] // JavaScript: Number(null) is 0
    [InlineData("${Number(empty) < 10}", "empty is the text '', not a number")]
    [InlineData("${Math.max(score, 3) < 10}", "score is nothing (null), not a number")] // JavaScript: 3
    [InlineData("${(score | 0) < 10}", "score is nothing (null), not a number")]
    [InlineData("${new Date(score, 0, 1) < new Date(2027, 0, 1)}", "score is nothing (null), not a number")] // JavaScript: the year 1900 // JavaScript: 1 and 2 count as yes
    [InlineData("${[urgent].some(u => u)}", "u is the text 'non', not true or false")]
    [InlineData("${urgent !== false}", "urgent !== false compares the text 'non' with false, which are never equal")] // JavaScript: true
    [InlineData("${urgent === true}", "compares the text 'non' with true, which are never equal: only two values of the same kind are compared (a yes/no answer holds true or false, never a text)")]
    [InlineData("${!(urgent === false)}", "compares the text 'non' with false")]
    [InlineData("${age === '54'}", "compares the number 54 with the text '54'")] // JavaScript: false
    [InlineData("${new Date(meeting) === new Date(meeting)}", "compares two dates as objects")]
    [InlineData("${[urgent].some(function (u) { return u; })}", "function (u) { return u; } is the text 'non', not true or false")]
    [InlineData("${[urgent].every(u => { return u; })}", "is the text 'non', not true or false")]
    [InlineData("${[urgent].some(Boolean)}", "Boolean(item) is the text 'non', not true or false")]
    [InlineData("${Boolean(urgent)}", "urgent is the text 'non', not true or false")] // JavaScript: true
    [InlineData("${visits.urgnet != false}", "visits.urgnet != false compares nothing (undefined) with false: a property its object does not have (a misspelt name?) is never compared with a value")] // JavaScript: true
    [InlineData("${visits.urgnet !== false}", "compares nothing (undefined) with false")] // JavaScript: true, whatever the data
    [InlineData("${visits.urgnet === true}", "compares nothing (undefined) with true")] // JavaScript: false, whatever the data
    [InlineData("${visits[2] !== 3}", "visits[2] !== 3 compares nothing (undefined) with the number 3")] // an index past the end
    [InlineData("${parseInt(score) !== 3}", "parseInt(score) !== 3 compares not a number (NaN) with the number 3: NaN")] // JavaScript: true, whatever the score
    [InlineData("${new Date(urgent).getTime() === new Date(meeting).getTime()}", "compares not a number (NaN) with the number")] // an invalid date
    [InlineData("${Number.parseFloat(empty) != 0}", "compares not a number (NaN) with the number 0")]
    [InlineData("${visits.urgnet === null}", "compares nothing (undefined) with nothing (null)")] // JavaScript: false; == null is the test for « holds nothing »
    public void A_condition_s_logical_operands_must_be_true_or_false_and_its_comparisons_compare_like_with_like(string condition, string reason)
    {
        var error = Assert.Throws<ExpressionException>(() => ConditionExpression.Evaluate(condition, Answers));

        Assert.Contains(reason, error.Reason);
        Assert.Equal(condition[2..^1], error.Expression);
    }

    [Theory]
    [InlineData("${urgent === 'oui', needsCare}", "a comma keeps only its last part")]
    [InlineData("${age > 18 && age in [54, 60]}", "'age in [54, 60]' tests the list's positions, not its values")]
    public void A_javascript_slip_a_condition_cannot_mean_is_refused_at_validation(string condition, string reason) =>
        Assert.Contains(reason, ConditionExpression.Check(condition));

    [Fact]
    public void The_checks_cost_a_condition_none_of_its_statements_so_a_comparison_over_a_long_list_runs_as_before()
    {
        var values = new JsonObject { ["values"] = new JsonArray(Enumerable.Repeat(1, 5_000).Select(v => (JsonNode?)v).ToArray()) };

        Assert.False(ConditionExpression.Evaluate("${values.some(v => v > 100 && v !== 0)}", values));
        Assert.True(ConditionExpression.Evaluate("${values.every(v => v <= 1)}", values));
    }

    [Theory]
    [InlineData("${age >= 18 && needsCare}", true)]
    [InlineData("${!needsCare || age > 60}", false)]
    [InlineData("${needsCare && score === null}", true)]
    [InlineData("${meeting < '2027-01-01'}", true)] // two texts
    [InlineData("${Date.parse(meeting) < Date.parse('2027-01-01')}", true)] // two numbers
    [InlineData("${new Date(meeting) < new Date(2027, 0, 1)}", true)] // two dates
    [InlineData("${new Date(meeting) < Date.parse('2027-01-01')}", true)] // a date and its milliseconds, as JavaScript compares them
    [InlineData("${urgent === 'oui' ? needsCare : age < 18}", false)]
    [InlineData("${visits.some(v => v > 1) && !(urgent === 'oui')}", true)]
    [InlineData("${score == null && urgent != null}", true)] // null and undefined equal each other only, as in JavaScript
    [InlineData("${score === null && score !== undefined && urgent !== null && Boolean(needsCare)}", true)]
    [InlineData("${urgent === 'non' && age !== 53 && needsCare !== false && visits !== visits.slice()}", true)]
    [InlineData("${visits.some(function (v) { return v > 1; }) && visits.filter(v => { return v < 2; }).length === 1}", true)]
    [InlineData("${[needsCare, true].every(Boolean)}", true)]
    [InlineData("${age == 54 && urgent != 'oui'}", true)]
    [InlineData("${age - 4 === 50 && -age < 0 && age % 5 === 4}", true)]
    [InlineData("${(new Date(meeting) - new Date('2026-03-31')) / 86400000 === 1}", true)] // two dates subtract to milliseconds
    [InlineData("${'n°' + age === 'n°54'}", true)]
    [InlineData("${visits.filter(v => v > 1).length === 1 && visits.find(v => v === 2) === 2}", true)]
    [InlineData("${visits.map(v => v * 2).includes(4)}", true)] // a mapping's result is not a predicate's
    [InlineData("${score?.referent === 'Dr X' || score?.referent !== undefined}", false)] // an optional chain through nothing is nothing
    [InlineData("${[null, { decision: 'refused' }].filter(a => a?.decision === 'refused').length === 1}", true)] // a loop's answers not all in yet
    [InlineData("${(needsCare === true) + (age > 60) + (urgent === 'oui') >= 1}", true)] // criteria counted: true is 1, as in JavaScript
    [InlineData("${('n' + needsCare) === 'ntrue'}", true)]
    [InlineData("${+'15' > 10 && +age === 54}", true)] // a text that holds a number is read as it
    [InlineData("${(+needsCare) + (+(age > 60)) >= 1}", true)] // criteria counted: a yes is 1
    [InlineData("${Number('15') > 10 && Math.max(age, 60) === 60 && Math.round(age / 10) === 5 && (age | 0) === 54 && Math.max(...visits) === 2}", true)]
    [InlineData("${new Date(...[2026, 0, 5]) < new Date(2027, 0, 1)}", true)] // a spread argument is left as written
    [InlineData("${!['oui', 'non'].includes(score) && visits.indexOf(2) === 1 && 'non'.includes(urgent) && parseInt('12 ans') === 12}", true)] // a flow decides a search as written
    [InlineData("${visits?.includes(3) || Number.parseInt(meeting) === 2026}", true)]
    [InlineData("${score?.list.includes(3) === undefined}", true)] // an optional chain through nothing stops before the search
    public void A_condition_whose_operands_are_what_they_should_be_is_decided_as_javascript_decides_it(string condition, bool expected) =>
        Assert.Equal(expected, ConditionExpression.Evaluate(condition, Answers));

    [Fact]
    public void A_conditional_event_s_condition_decided_whatever_seven_answers_not_given_yet_turn_out_to_be_is_decided()
    {
        var answers = new JsonObject { ["urgent"] = true };
        foreach (var name in "abcdefg") answers[name.ToString()] = null;

        Assert.True(StrictConditions.Decide(() => ConditionExpression.Evaluate("${[a, b, c, d, e, f, g].filter(x => x === true).length >= 2 || urgent === true}", answers)));
        Assert.Null(StrictConditions.Decide(() => ConditionExpression.Evaluate("${[a, b, c, d, e, f, g].filter(x => x === true).length >= 2 && urgent === true}", answers)));
    }

    [Theory]
    [InlineData("${person.alias == '}'}", false)] // a brace inside a string does not close the expression
    [InlineData("${ ({ adult: age >= 18 }).adult }", true)] // nor does an object's closing brace
    [InlineData("${person.alias == \"M. K.\"}", true)]
    [InlineData("${age > 18 // l'âge {adulte}\n}", true)] // nor do a comment's quotes and braces
    [InlineData("${/* d'abord } */ age > 18}", true)]
    [InlineData("${/\"/.test(person.alias)}", false)] // nor a regular expression's quote
    [InlineData("${/}/.test(person.alias) || age / 2 > 9}", true)] // nor its brace, where a slash after a value is a division
    public void An_expression_is_closed_by_the_brace_that_balances_its_opening(string expression, bool expected)
    {
        Assert.Null(ConditionExpression.Check(expression));
        Assert.Equal(expected, ExpressionEvaluator.EvaluateCondition(expression, Variables));
    }

    [Theory]
    [InlineData("${age = 18}", "age = 18")] // a slip for == that would be true whatever the age
    [InlineData("${age += 1}", "age += 1")]
    [InlineData("${age++ > 50}", "age++")]
    [InlineData("${(person.alias = 'X') === 'X'}", "person.alias = 'X'")]
    public void An_expression_that_changes_a_variable_is_refused_at_validation_and_never_run(string expression, string write)
    {
        Assert.Contains(write, ExpressionEvaluator.Check(expression));
        var refused = Assert.Throws<ExpressionException>(() => ExpressionEvaluator.EvaluateCondition(expression, Variables));
        Assert.Contains(write, refused.Reason);
        Assert.Equal(54, Variables["age"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("${age}}")]
    [InlineData("${age} ${age}")]
    [InlineData("${age")]
    public void A_condition_that_is_not_exactly_one_closed_expression_is_refused_at_validation(string condition) =>
        Assert.NotNull(ConditionExpression.Check(condition));

    [Theory]
    [InlineData("${age > 5; true}")] // a statement list a condition would silently end on its last
    [InlineData("${var age = 10; age > 5}")]
    [InlineData("${if (age > 5) true}")]
    [InlineData("${age < 5); (true}")] // parentheses that would close the expression early and open a second one
    [InlineData("${false) || (true}")]
    public void Statements_are_not_an_expression_and_are_refused_at_validation(string condition) =>
        Assert.Contains("syntax error", ConditionExpression.Check(condition));

    [Fact]
    public void A_syntax_error_is_placed_where_the_author_wrote_it() =>
        Assert.Contains("(2:11)", ConditionExpression.Check("${age > 5 &&\n stay === }"));

    [Fact]
    public void Braces_at_the_start_of_an_expression_are_an_object_not_a_block()
    {
        Assert.Equal("{\"adult\":true}", (ExpressionEvaluator.Evaluate("${ {adult: age >= 18} }", Variables) as JsonNode)!.ToJsonString());
        Assert.True(ExpressionEvaluator.EvaluateCondition("${ {ok: age > 5}['ok'] === true }", Variables));
    }

    [Fact]
    public void Text_with_embedded_placeholders_is_interpolated() =>
        Assert.Equal("séjour P2M pour M. K.", ExpressionEvaluator.Evaluate("séjour ${stay} pour ${person.alias}", Variables));

    [Theory]
    [InlineData("${while(true){}}")]
    [InlineData("${(function f(){ return f(); })()}")]
    [InlineData("${new Array(100000000).fill('x').join('')}")]
    [InlineData("${Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)}")] // a thread asleep, which no statement count sees
    [InlineData("${globalThis['Atom' + 'ics'].wait(new Int32Array(4), 0, 0)}")]
    [InlineData("${new ShadowRealm().evaluate('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)')}")]
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

    [Theory]
    [InlineData("${'x'.repeat(1e9)}", "repeat")]
    [InlineData("${'x'.repeat(1e8).length}", "repeat")]
    [InlineData("${'x'.padEnd(5e8)}", "padEnd")]
    [InlineData("${'y'.padStart(5e8, 'ab')}", "padStart")]
    [InlineData("${'x'.repeat(100000).replaceAll('x', 'y'.repeat(100000))}", "replaceAll")]
    [InlineData("${'x'['re' + 'peat'](1e9)}", "repeat")] // a computed name
    [InlineData("${'x'.rep\\u0065at(1e9)}", "repeat")] // a name spelt with an escape
    [InlineData("${Reflect.apply(''.padEnd, 'x', [5e8])}", "padEnd")]
    public void A_single_call_that_would_build_a_huge_string_is_stopped_before_it_allocates(string expression, string builtIn)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(expression, Variables));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(builtIn, error.Reason);
        Assert.Contains("beyond the sandbox limit", error.Reason);
        Assert.True(allocated < 4 * ExpressionEvaluator.MemoryLimit, $"the evaluation allocated {allocated / 1_000_000} MB");
    }

    [Theory]
    [InlineData("${'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match(/^(a+)+$/)}")]
    [InlineData("${new RegExp('^(a|aa)+$').test('a'.repeat(80) + 'b')}")]
    public void A_catastrophic_regular_expression_is_stopped_inside_the_match(string expression)
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(expression, Variables));
        Assert.Contains("regular expression ran longer than", error.Reason);
    }

    [Theory]
    [InlineData("${Array(1e7).join('xy')}")]
    [InlineData("${JSON.stringify(new Array(90000).fill('abcdefghijklmnopqrstuvwxyz'.repeat(20)))}")]
    [InlineData("${[...Array(40)].reduce(s => s + s, 'x').length}")]
    public void Strings_built_step_by_step_stay_within_the_memory_limit(string expression)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(expression, Variables));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("beyond the sandbox limit", error.Reason);
        Assert.True(allocated < 4 * ExpressionEvaluator.MemoryLimit, $"the evaluation allocated {allocated / 1_000_000} MB");
    }

    [Theory]
    [InlineData("${'ab'.repeat(3)}", "ababab")]
    [InlineData("${'7'.padStart(3, '0')}", "007")]
    [InlineData("${person.alias.replace('M.', 'Monsieur')}", "Monsieur K.")]
    [InlineData("${'a-b-c'.replaceAll('-', '$&$&')}", "a--b--c")]
    public void Ordinary_string_calls_still_work_under_the_guards(string expression, string expected) =>
        Assert.Equal(expected, ExpressionEvaluator.Evaluate(expression, Variables));

    [Fact]
    public void The_guards_cannot_be_undone_to_reach_the_unguarded_built_in() =>
        Assert.Throws<ExpressionException>(() => ExpressionEvaluator.Evaluate(
            "${delete String.prototype.repeat && 'x'.repeat(1e9)}", Variables));

    [Fact]
    public void The_cache_of_parsed_expressions_keeps_only_the_most_recently_used()
    {
        var cache = new PreparedScripts(capacity: 3);
        Jint.Prepared<Acornima.Ast.Script> Parse(string code) => Jint.Engine.PrepareScript(code);
        foreach (var code in new[] { "1", "2", "3" }) cache.GetOrAdd(code, Parse);
        cache.GetOrAdd("1", Parse); // used again: now the most recent
        cache.GetOrAdd("4", Parse);

        Assert.Equal(3, cache.Count);
        Assert.True(cache.Contains("1"));
        Assert.False(cache.Contains("2"));
        Assert.True(cache.Contains("4"));
    }

    [Fact]
    public void Checking_a_definition_does_not_fill_the_cache()
    {
        var code = "age > " + Guid.NewGuid().ToString("N").Length + " && '" + Guid.NewGuid().ToString("N") + "'";
        Assert.Null(ExpressionEvaluator.Check("${" + code + "}"));
        Assert.False(ExpressionEvaluator.Prepared.Contains(code));
    }

    [Fact]
    public void A_condition_evaluated_at_every_step_is_parsed_once_and_kept()
    {
        var code = "age > " + Random.Shared.Next(1000, 9999);
        Assert.False(ConditionExpression.Evaluate("${" + code + "}", Variables));
        Assert.True(ExpressionEvaluator.Prepared.Contains(code));
    }
}
