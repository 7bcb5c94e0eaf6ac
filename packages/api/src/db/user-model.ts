import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

const userSchema = new Schema(
  {
    username: { type: String, required: true },
    // The case-folded username: the one a login looks up and uniqueness is kept on.
    usernameKey: { type: String, required: true, unique: true },
    email: { type: String, default: null },
    passwordHash: { type: String, required: true },
  },
  { timestamps: true, versionKey: false, strict: 'throw' },
);

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };

export const UserModel = model('User', userSchema);
