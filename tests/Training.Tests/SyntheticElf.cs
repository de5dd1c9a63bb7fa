using System.Text;

namespace PoNasOrleans.Training.Tests;

/// <summary>Builds a minimal 64-bit little-endian ELF shared library that only defines symbol versions.</summary>
internal static class SyntheticElf
{
    public static byte[] DefiningVersions(string soname, params string[] versions)
    {
        var dynstr = new MemoryStream();
        dynstr.WriteByte(0);
        var names = new List<uint>();
        foreach (var name in (string[])[soname, .. versions])
        {
            names.Add((uint)dynstr.Length);
            dynstr.Write(Encoding.ASCII.GetBytes(name + "\0"));
        }

        // Verdef entries (20 bytes) each followed by one Verdaux (8 bytes)
        var verdef = new MemoryStream();
        using (var writer = new BinaryWriter(verdef, Encoding.ASCII, leaveOpen: true))
        {
            for (var i = 0; i < names.Count; i++)
            {
                writer.Write((ushort)1); // vd_version
                writer.Write((ushort)(i == 0 ? 1 : 0)); // vd_flags (VER_FLG_BASE for the soname)
                writer.Write((ushort)(i + 1)); // vd_ndx
                writer.Write((ushort)1); // vd_cnt
                writer.Write(0u); // vd_hash (unused by the reader)
                writer.Write(20u); // vd_aux
                writer.Write(i == names.Count - 1 ? 0u : 28u); // vd_next
                writer.Write(names[i]); // vda_name
                writer.Write(0u); // vda_next
            }
        }

        var shstrtab = Encoding.ASCII.GetBytes("\0.dynstr\0.gnu.version_d\0.shstrtab\0");
        const long dynstrOffset = 64;
        var verdefOffset = Align(dynstrOffset + dynstr.Length);
        var shstrtabOffset = verdefOffset + verdef.Length;
        var sectionsOffset = Align(shstrtabOffset + shstrtab.Length);

        var file = new MemoryStream();
        using (var writer = new BinaryWriter(file, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            writer.Write((ushort)3); // ET_DYN
            writer.Write((ushort)62); // EM_X86_64
            writer.Write(1u); // e_version
            writer.Write(0UL); // e_entry
            writer.Write(0UL); // e_phoff
            writer.Write((ulong)sectionsOffset); // e_shoff
            writer.Write(0u); // e_flags
            writer.Write((ushort)64); // e_ehsize
            writer.Write((ushort)56); // e_phentsize
            writer.Write((ushort)0); // e_phnum
            writer.Write((ushort)64); // e_shentsize
            writer.Write((ushort)4); // e_shnum
            writer.Write((ushort)3); // e_shstrndx
            Pad(writer, dynstrOffset);
            writer.Write(dynstr.ToArray());
            Pad(writer, verdefOffset);
            writer.Write(verdef.ToArray());
            writer.Write(shstrtab);
            Pad(writer, sectionsOffset);
            WriteSection(writer, 0, 0, 0, 0, 0, 0);
            WriteSection(writer, 1, 3, dynstrOffset, dynstr.Length, 0, 0); // .dynstr
            WriteSection(writer, 9, 0x6ffffffd, verdefOffset, verdef.Length, 1, (uint)names.Count); // .gnu.version_d
            WriteSection(writer, 24, 3, shstrtabOffset, shstrtab.Length, 0, 0); // .shstrtab
        }

        return file.ToArray();
    }

    private static long Align(long offset) => (offset + 7) & ~7L;

    private static void Pad(BinaryWriter writer, long offset)
    {
        while (writer.BaseStream.Position < offset)
        {
            writer.Write((byte)0);
        }
    }

    private static void WriteSection(BinaryWriter writer, uint name, uint type, long offset, long size, uint link, uint info)
    {
        writer.Write(name);
        writer.Write(type);
        writer.Write(0UL); // sh_flags
        writer.Write(0UL); // sh_addr
        writer.Write((ulong)offset);
        writer.Write((ulong)size);
        writer.Write(link);
        writer.Write(info);
        writer.Write(8UL); // sh_addralign
        writer.Write(0UL); // sh_entsize
    }
}
