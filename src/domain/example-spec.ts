/** The bundled example's specification: written by hand, clearly labelled as an example in the UI. */
import type { DatasetSpecification } from './schema';

export const EXAMPLE_SREF = '3141592653';

export const EXAMPLE_SPEC: DatasetSpecification = {
  "sref_code": "3141592653",
  "style_analysis": {
    "primary_style": "Flat-colour retro travel poster",
    "era_influence": "1930s-1950s screen-printed travel posters",
    "color_palette": [
      {
        "hex": "#1D2B4F",
        "name": "deep navy"
      },
      {
        "hex": "#5B3F7A",
        "name": "dusky violet"
      },
      {
        "hex": "#F07860",
        "name": "warm coral"
      },
      {
        "hex": "#F6D5A3",
        "name": "sand"
      },
      {
        "hex": "#2F8F8B",
        "name": "muted teal"
      },
      {
        "hex": "#FBF1E1",
        "name": "warm off-white"
      }
    ],
    "key_characteristics": [
      "flat layered shapes with no texture",
      "limited palette of six colours",
      "strong silhouettes against gradient skies",
      "simplified geometric landforms",
      "large sun or moon discs"
    ],
    "best_subjects": [
      "landscapes",
      "coastal scenes",
      "landmarks",
      "animals in silhouette",
      "vehicles",
      "quiet streets"
    ],
    "avoid_subjects": [
      "close-up faces with fine detail",
      "text and lettering",
      "crowded scenes",
      "photographic lighting"
    ]
  },
  "training_recommendations": {
    "recommended_dataset_size": 60,
    "optimal_subject_distribution": [
      {
        "category": "nature",
        "percentage": 25
      },
      {
        "category": "architecture",
        "percentage": 25
      },
      {
        "category": "animals",
        "percentage": 15
      },
      {
        "category": "urban",
        "percentage": 15
      },
      {
        "category": "objects",
        "percentage": 10
      },
      {
        "category": "people",
        "percentage": 10
      }
    ]
  },
  "permutation_batches": [
    {
      "batch_number": 1,
      "batch_name": "Coastal landmarks",
      "category": "architecture",
      "image_count": 40,
      "prompt": "{lighthouse, harbour crane, pier pavilion, beach hut, sea fort, ferry terminal, clifftop chapel, boathouse} {at dawn, in fog, under a full moon, in a summer storm, at golden hour} --sref 3141592653",
      "priority": "high",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 2,
      "batch_name": "Wild animals",
      "category": "animals",
      "image_count": 40,
      "prompt": "{fox, heron, bison, lynx, owl, hare, moose, sea otter} {resting in tall grass, crossing a river, under falling snow, at the forest edge, on a rocky ledge} --sref 3141592653",
      "priority": "high",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 3,
      "batch_name": "City streets",
      "category": "urban",
      "image_count": 40,
      "prompt": "{tram stop, corner café, night market, rooftop garden, railway bridge, bookshop front, fire escape, bus depot} {at dusk, after rain, in early morning light, during a festival, on a quiet Sunday} --sref 3141592653",
      "priority": "high",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 4,
      "batch_name": "Portraits",
      "category": "people",
      "image_count": 40,
      "prompt": "{fisherman, violinist, beekeeper, astronaut, mountain guide, baker, lighthouse keeper, botanist} {looking out of a window, in profile, holding a lantern, under a wide sky, beside a bicycle} --sref 3141592653",
      "priority": "medium",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 5,
      "batch_name": "Vehicles",
      "category": "objects",
      "image_count": 40,
      "prompt": "{vintage car, sailboat, hot-air balloon, steam train, motor scooter, seaplane, rowing boat, camper van} {on an empty road, at a small station, over rolling hills, by a calm lake, in a desert} --sref 3141592653",
      "priority": "medium",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 6,
      "batch_name": "Still life",
      "category": "objects",
      "image_count": 40,
      "prompt": "{teapot, stack of books, potted cactus, old radio, bowl of lemons, desk lamp, record player, vase of tulips} {on a windowsill, on a wooden table, in soft morning light, beside a rainy window, on a tiled counter} --sref 3141592653",
      "priority": "medium",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 7,
      "batch_name": "Landscapes",
      "category": "nature",
      "image_count": 40,
      "prompt": "{mountain lake, canyon, waterfall, lavender field, pine forest, sand dunes, glacier, river delta} {at sunrise, under storm clouds, in autumn, at twilight, seen from above} --sref 3141592653",
      "priority": "high",
      "notes": "8 subjects × 5 modifiers"
    },
    {
      "batch_number": 8,
      "batch_name": "Interiors",
      "category": "architecture",
      "image_count": 40,
      "prompt": "{reading nook, greenhouse, train carriage, attic studio, library hall, kitchen, observatory, boat cabin} {with warm lamplight, in morning sun, on a rainy evening, with plants everywhere, at midnight} --sref 3141592653",
      "priority": "low",
      "notes": "8 subjects × 5 modifiers"
    }
  ],
  "prompt_guidelines": {
    "keep_simple": "Name one subject and one setting; let the style reference carry the look.",
    "avoid_style_keywords": [
      "poster",
      "retro",
      "flat illustration",
      "vintage print"
    ],
    "recommended_additions": [
      "at dawn",
      "in fog",
      "seen from afar"
    ]
  }
};
