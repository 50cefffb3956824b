using Lifecycle.Hosting.Orchestration;
using Lifecycle.Testing;

namespace Lifecycle.Hosting.Tests;

/// <summary>A resource that can never start must fail visibly, and take its dependents with it, instead of hanging.</summary>
public sealed class GiveUpTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_resource_that_cannot_be_prepared_fails_for_good_and_so_does_everything_waiting_for_it()
    {
        using var state = new TestDirectory("giveup");
        // A file where PostgreSQL's cluster directory belongs: preparing the cluster cannot succeed.
        Directory.CreateDirectory(Path.Combine(state.Path, "data", "pg"));
        await File.WriteAllTextAsync(Path.Combine(state.Path, "data", "pg", "data"), "not a directory");
        var builder = TestService.CreateBuilder(state);
        var db = builder.AddPostgres("pg").AddDatabase("contactsdb");
        builder.AddProject("contacts", TestService.ProjectPath).WithReference(db).WaitFor(db);
        await using var app = builder.Build();

        await app.StartAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitForAllHealthyAsync(StartTimeout));

        Assert.Contains("pg: preparation failed", failure.Message);
        var pg = app.GetInstance("pg");
        Assert.Equal(ResourceState.Failed, pg.State);
        Assert.Contains(pg.Logs.Tail(10), line => line.Text == pg.FailureReason);
        foreach (var dependent in new[] { "contactsdb", "contacts" })
        {
            var instance = app.GetInstance(dependent);
            Assert.Equal(ResourceState.Failed, instance.State);
            Assert.StartsWith("not started: ", instance.FailureReason);
            Assert.DoesNotContain(instance.History, change => change.State == ResourceState.Starting);
        }
        var published = EndpointsFile.TryRead(app.EndpointsFilePath);
        Assert.NotNull(published);
        Assert.Equal(pg.FailureReason, published["pg"].FailureReason);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_state_directory_below_a_private_parent_either_works_or_names_the_directory_that_blocks_postgres()
    {
        using var root = new TestDirectory("private");
        // Like a 0700 home or mktemp directory. As root we run PostgreSQL as the postgres account, which cannot
        // traverse it; as anyone else PostgreSQL runs as us and can.
        var closed = Path.Combine(root.Path, "home");
        Directory.CreateDirectory(closed, Private);
        var builder = TestService.CreateBuilder(Path.Combine(closed, "state"));
        builder.AddPostgres("pg");
        await using var app = builder.Build();

        await app.StartAsync();

        if (Environment.UserName == "root")
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitForAllHealthyAsync(StartTimeout));
            Assert.Contains($"{closed} is not searchable by other users", failure.Message);
            Assert.Contains("--state-dir", app.GetInstance("pg").FailureReason);
        }
        else
        {
            await app.WaitForAllHealthyAsync(StartTimeout);
            Assert.Null(app.GetInstance("pg").FailureReason);
        }
    }
}
