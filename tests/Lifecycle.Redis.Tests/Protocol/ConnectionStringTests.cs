namespace Lifecycle.Redis.Tests.Protocol;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Parses_the_ecosystem_form()
    {
        var options = RedisConnectionOptions.Parse("cache.local:6380,password=p=w,ssl=true,defaultDatabase=2,connectTimeout=1500,syncTimeout=700,abortConnect=false,user=svc,name=contacts,protocol=resp3");

        Assert.Equal("cache.local", options.Host);
        Assert.Equal(6380, options.Port);
        Assert.Equal("p=w", options.Password);
        Assert.True(options.Ssl);
        Assert.Equal(2, options.DefaultDatabase);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(700), options.CommandTimeout);
        Assert.False(options.AbortOnConnectFail);
        Assert.Equal("svc", options.User);
        Assert.Equal("contacts", options.ClientName);
        Assert.Equal(RedisProtocol.Resp3, options.Protocol);
    }

    [Theory]
    [InlineData("localhost", "localhost", 6379)]
    [InlineData("[::1]:7000", "::1", 7000)]
    [InlineData(" 127.0.0.1:1234 , ", "127.0.0.1", 1234)]
    public void Parses_endpoints(string text, string host, int port)
    {
        var options = RedisConnectionOptions.Parse(text);

        Assert.Equal((host, port), (options.Host, options.Port));
    }

    [Theory]
    [InlineData("127.0.0.1:6379,bogus=1", "bogus")]
    [InlineData("127.0.0.1:6379,ssl=maybe", "ssl")]
    [InlineData("a:1,b:2", "more than one endpoint")]
    [InlineData("password=x", "no host:port")]
    [InlineData("127.0.0.1:notaport", "port")]
    public void Rejects_bad_strings_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RedisConnectionOptions.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
