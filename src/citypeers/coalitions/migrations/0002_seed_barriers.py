from django.db import migrations

# A copy, not an import: a migration must not change when the app's code does.
BARRIERS = [
    ("procurement", "Procurement", 10),
    ("funding", "Funding", 20),
    ("data-sharing", "Data sharing", 30),
    ("legal", "Legal or regulatory", 40),
    ("staff-capacity", "Staff capacity and skills", 50),
    ("vendor-lock-in", "Vendor lock-in", 60),
    ("community-trust", "Community trust", 70),
    ("political-support", "Political support", 80),
    ("interoperability", "Interoperability", 90),
    ("privacy-security", "Privacy and security", 100),
]


def seed(apps, schema_editor):
    kind = apps.get_model("coalitions", "BarrierKind")
    for slug, name, order in BARRIERS:
        kind.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
