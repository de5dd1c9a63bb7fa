using System.Text;

namespace PoNasOrleans.Chain.Tests;

public class CommitmentTests
{
    [Fact]
    public void A_commitment_is_the_sha256_of_the_model_bytes_followed_by_the_utf8_participant_id()
    {
        // known answers from coreutils: printf 'model-bytes\x00\x01pool-1' | sha256sum
        Assert.Equal("96301ea544fd3e44bc20e60f75eef8b4f60b4ba90bf9a41e31159c41152ef811", Commitment.Of("model-bytes\0\u0001"u8, "pool-1"));

        // printf 'modelmineur-é' | sha256sum (é as UTF-8 c3 a9)
        Assert.Equal("0a3ef3b398ed9d3e0067cd288509ee8792e722f4d5bde452647203c7c75222ed", Commitment.Of("model"u8, "mineur-é"));
    }

    [Fact]
    public void The_bytes_and_the_id_are_concatenated_without_a_separator()
    {
        const string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Assert.Equal(abc, Commitment.Of("ab"u8, "c"));
        Assert.Equal(abc, Commitment.Of("a"u8, "bc"));
        Assert.Equal(abc, Commitment.Of(""u8, "abc"));
    }

    [Fact]
    public void The_model_content_address_is_the_sha256_of_the_bytes_alone()
    {
        Assert.Equal("52f43e4459216f0a4c781ae3584208c3e4e49310b46d039a2af16b1ba442ab68", Commitment.ModelSha256("model-bytes\0\u0001"u8));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Commitment.ModelSha256([]));
    }

    [Fact]
    public void Another_participant_or_other_bytes_give_another_commitment()
    {
        var model = Encoding.UTF8.GetBytes("weights");
        Assert.NotEqual(Commitment.Of(model, "alice"), Commitment.Of(model, "bob"));
        Assert.NotEqual(Commitment.Of(model, "alice"), Commitment.Of(Encoding.UTF8.GetBytes("weightz"), "alice"));
    }

    [Fact]
    public void A_malformed_participant_id_has_no_commitment()
    {
        foreach (var id in TestChain.MalformedIds)
        {
            Assert.Throws<ArgumentException>(() => Commitment.Of("model"u8, id!));
        }
    }
}
