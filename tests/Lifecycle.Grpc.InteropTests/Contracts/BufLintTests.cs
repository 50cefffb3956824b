using Lifecycle.Grpc.InteropTests.Node;

namespace Lifecycle.Grpc.InteropTests.Contracts;

/// <summary>`buf lint` and `buf breaking` with protos/buf.yaml's rules (tests/interop/src/buf-lint.mjs).</summary>
public sealed class BufLintTests
{
    [Fact]
    public Task Contracts_pass_standard_lint_and_the_rules_catch_a_sloppy_contract() =>
        ScenarioRunner.RunWithoutServerAsync("buf-lint.mjs", "product-contracts", "rules-enforced", "test-contracts");

    [Fact]
    public Task Buf_breaking_reports_a_deleted_field_and_accepts_an_unchanged_contract() =>
        ScenarioRunner.RunWithoutServerAsync("buf-lint.mjs", "breaking-detected");
}
